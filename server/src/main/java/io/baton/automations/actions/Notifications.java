package io.baton.automations.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivery through the notification blocks a fresh server registers whose delivery is one HTTP request
 * (custom webhook, Slack, Microsoft Teams, Discord, Mattermost, PagerDuty, Opsgenie, Twilio SMS, SendGrid email),
 * and the webhook block
 * of {@code call-webhook}.
 */
public final class Notifications {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public void send(JsonNode block, String subject, String body) {
        JsonNode data = block.path("data");
        String type = block.path("block_type").path("slug").asText("");
        switch (type) {
            case "custom-webhook" -> customWebhook(data, subject, body);
            case "slack-webhook" -> postJson(text(data, "url"), Json.object().put("text", joined(subject, body)));
            case "ms-teams-webhook" -> postJson(text(data, "url"), Json.object().put("title", subject).put("text", body));
            case "discord-webhook" -> postJson("https://discord.com/api/webhooks/" + text(data, "webhook_id") + "/"
                    + text(data, "webhook_token"), Json.object().put("content", joined(subject, body)));
            case "mattermost-webhook" -> postJson((data.path("secure").asBoolean(true) ? "https://" : "http://")
                    + text(data, "hostname") + ":" + data.path("port").asInt(8065) + "/hooks/" + text(data, "token"),
                    Json.object().put("text", joined(subject, body)).put("username", data.path("botname").asText("Prefect")));
            case "pager-duty-webhook" -> {
                ObjectNode event = Json.object().put("routing_key", text(data, "integration_key"))
                        .put("event_action", "trigger");
                event.set("payload", Json.object().put("summary", joined(subject, body))
                        .put("source", data.path("source").asText("Prefect"))
                        .put("severity", data.path("severity").asText("info")));
                postJson("https://events.pagerduty.com/v2/enqueue", event);
            }
            case "opsgenie-webhook" -> {
                String host = "eu".equals(data.path("region_name").asText("us")) ? "api.eu.opsgenie.com" : "api.opsgenie.com";
                ObjectNode alert = Json.object().put("message", subject).put("description", body);
                deliver(HttpRequest.newBuilder(URI.create("https://" + host + "/v2/alerts"))
                        .header("Authorization", "GenieKey " + text(data, "apikey"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(alert))), Duration.ofSeconds(10));
            }
            case "twilio-sms" -> {
                String sid = text(data, "account_sid");
                String auth = java.util.Base64.getEncoder().encodeToString((sid + ":" + text(data, "auth_token"))
                        .getBytes(StandardCharsets.UTF_8));
                for (JsonNode to : data.path("to_phone_numbers")) {
                    String form = "From=" + URLEncoder.encode(text(data, "from_phone_number"), StandardCharsets.UTF_8)
                            + "&To=" + URLEncoder.encode(to.asText(), StandardCharsets.UTF_8)
                            + "&Body=" + URLEncoder.encode(joined(subject, body), StandardCharsets.UTF_8);
                    expectSuccess(deliver(HttpRequest.newBuilder(URI.create("https://api.twilio.com/2010-04-01/Accounts/"
                                    + sid + "/Messages.json"))
                            .header("Authorization", "Basic " + auth)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)), Duration.ofSeconds(10)));
                }
            }
            case "sendgrid-email" -> {
                ObjectNode mail = Json.object();
                var recipients = Json.array();
                data.path("to_emails").forEach(e -> recipients.add(Json.object().put("email", e.asText())));
                mail.set("personalizations", Json.array().add(Json.object().set("to", recipients)));
                mail.set("from", Json.object().put("email", text(data, "sender_email")));
                mail.put("subject", subject);
                mail.set("content", Json.array().add(Json.object().put("type", "text/plain").put("value", body)));
                expectSuccess(deliver(HttpRequest.newBuilder(URI.create("https://api.sendgrid.com/v3/mail/send"))
                        .header("Authorization", "Bearer " + text(data, "api_key"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(mail))), Duration.ofSeconds(10)));
            }
            default -> throw new ActionFailed("Notifications through " + (type.isEmpty() ? "this block" : type)
                    + " blocks are not supported");
        }
    }

    /** {@code call-webhook}: the rendered payload as the body; the response goes into the executed event. */
    public ObjectNode callWebhook(JsonNode block, String payload) {
        JsonNode data = block.path("data");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(text(data, "url")))
                .method(data.path("method").asText("POST"), payload.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(payload));
        data.path("headers").properties().forEach(h -> request.header(h.getKey(), h.getValue().asText()));
        HttpResponse<String> response = deliver(request, Duration.ofSeconds(30));
        ObjectNode out = Json.object().put("status_code", response.statusCode()).put("response_body", response.body());
        ObjectNode headers = out.putObject("response_headers");
        response.headers().map().forEach((k, v) -> {
            if (!k.startsWith(":")) {
                headers.put(k, String.join(", ", v));
            }
        });
        return out;
    }

    private void customWebhook(JsonNode data, String subject, String body) {
        Map<String, String> values = new HashMap<>();
        data.path("secrets").properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        values.put("subject", subject);
        values.put("body", body);
        values.put("name", data.path("name").asText(""));
        String url = substitute(text(data, "url"), values);
        JsonNode params = substituteTree(data.get("params"), values);
        if (params != null && params.isObject() && !params.isEmpty()) {
            StringJoiner query = new StringJoiner("&", url.contains("?") ? "&" : "?", "");
            params.properties().forEach(p -> query.add(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(p.getValue().asText(), StandardCharsets.UTF_8)));
            url += query;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("User-Agent", "Prefect Notifications");
        JsonNode json = substituteTree(data.get("json_data"), values);
        JsonNode form = substituteTree(data.get("form_data"), values);
        String method = data.path("method").asText("POST");
        if (json != null && !json.isNull()) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(Json.write(json)));
        } else if (form != null && form.isObject()) {
            StringJoiner encoded = new StringJoiner("&");
            form.properties().forEach(p -> encoded.add(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(p.getValue().asText(), StandardCharsets.UTF_8)));
            request.header("Content-Type", "application/x-www-form-urlencoded");
            request.method(method, HttpRequest.BodyPublishers.ofString(encoded.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        JsonNode headers = substituteTree(data.get("headers"), values);
        if (headers != null) {
            headers.properties().forEach(h -> request.header(h.getKey(), h.getValue().asText()));
        }
        JsonNode cookies = substituteTree(data.get("cookies"), values);
        if (cookies != null && cookies.isObject() && !cookies.isEmpty()) {
            StringJoiner cookie = new StringJoiner("; ");
            cookies.properties().forEach(c -> cookie.add(c.getKey() + "=" + c.getValue().asText()));
            request.header("Cookie", cookie.toString());
        }
        HttpResponse<String> response = deliver(request,
                Duration.ofMillis(Math.round(data.path("timeout").asDouble(10) * 1000)));
        if (response.statusCode() >= 400) {
            throw new ActionFailed("The notification endpoint answered " + response.statusCode());
        }
    }

    private static void expectSuccess(HttpResponse<String> response) {
        if (response.statusCode() >= 400) {
            throw new ActionFailed("The notification endpoint answered " + response.statusCode());
        }
    }

    private void postJson(String url, JsonNode body) {
        HttpResponse<String> response = deliver(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("User-Agent", "Prefect Notifications")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))), Duration.ofSeconds(10));
        if (response.statusCode() >= 400) {
            throw new ActionFailed("The notification endpoint answered " + response.statusCode());
        }
    }

    private HttpResponse<String> deliver(HttpRequest.Builder request, Duration timeout) {
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw new ActionFailed("The request failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionFailed("Interrupted");
        }
    }

    private static String joined(String subject, String body) {
        return subject == null || subject.isEmpty() ? body : subject + "\n" + body;
    }

    private static String text(JsonNode data, String field) {
        JsonNode v = data.get(field);
        if (v == null || v.isNull()) {
            throw new ActionFailed("The block has no " + field);
        }
        return v.asText();
    }

    static String substitute(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode substituteTree(JsonNode node, Map<String, String> values) {
        return Templates.mapStrings(node, text -> substitute(text, values));
    }
}
