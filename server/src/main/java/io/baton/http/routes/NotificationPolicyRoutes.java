package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.automation.Automation;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.notification.NotificationPolicy;
import io.baton.http.ApiCall;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.http.validation.ValidationError;
import io.baton.json.Json;
import io.baton.storage.AutomationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /flow_run_notification_policies/}: the route group Prefect 3.0-3.7 served and 3.8 removed, kept for
 * the clients and UIs of those versions. Policies live as automations ({@link NotificationPolicy}), so they
 * notify through the automation engine and show on the automations pages. These routes are not in
 * {@code openapi.json}; bodies are checked here with Prefect 3.0's rules and answered in its 422 shape.
 */
public final class NotificationPolicyRoutes implements RouteModule {

    private static final String BASE = "/flow_run_notification_policies";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final int DEFAULT_LIMIT = 200;

    private final AutomationStore automations;

    public NotificationPolicyRoutes(AutomationStore automations) {
        this.automations = automations;
    }

    @Override
    public void register(ApiRouter r) {
        r.post(BASE + "/", call -> {
            JsonNode body = object(call);
            NotificationPolicy policy = new NotificationPolicy(bool(body, "is_active", true, body),
                    strings(body, "state_names", body), strings(body, "tags", body),
                    requiredUuid(body, "block_document_id", body), template(body, body));
            Automation a = automations.create(policy.toAutomation(), null);
            return Reply.created(policy.toJson(a.id(), a.created(), a.updated()));
        });
        r.get(BASE + "/{id}", call -> {
            UUID id = pathId(call);
            Automation a = automations.read(id).orElseThrow(NotificationPolicyRoutes::notFound);
            return NotificationPolicy.of(a).orElseThrow(NotificationPolicyRoutes::notFound)
                    .toJson(a.id(), a.created(), a.updated());
        });
        r.patch(BASE + "/{id}", call -> {
            UUID id = pathId(call);
            JsonNode body = object(call);
            Automation a = automations.read(id).orElseThrow(NotificationPolicyRoutes::notFound);
            NotificationPolicy current = NotificationPolicy.of(a).orElseThrow(NotificationPolicyRoutes::notFound);
            NotificationPolicy updated = new NotificationPolicy(
                    present(body, "is_active") ? bool(body, "is_active", true, body) : current.isActive(),
                    present(body, "state_names") ? strings(body, "state_names", body) : current.stateNames(),
                    present(body, "tags") ? strings(body, "tags", body) : current.tags(),
                    present(body, "block_document_id") ? requiredUuid(body, "block_document_id", body)
                            : current.blockDocumentId(),
                    body.has("message_template") ? template(body, body) : current.messageTemplate());
            if (!automations.replace(id, updated.toAutomation())) {
                throw notFound();
            }
            return Reply.noContent();
        });
        r.delete(BASE + "/{id}", call -> {
            UUID id = pathId(call);
            Automation a = automations.read(id).orElseThrow(NotificationPolicyRoutes::notFound);
            if (NotificationPolicy.of(a).isEmpty() || !automations.delete(id)) {
                throw notFound();
            }
            return Reply.noContent();
        });
        r.post(BASE + "/filter", call -> {
            JsonNode body = call.body() == null || call.body().isNull() ? Json.object() : object(call);
            int limit = nonNegative(body, "limit", DEFAULT_LIMIT, body);
            int offset = nonNegative(body, "offset", 0, body);
            JsonNode active = body.path("flow_run_notification_policy_filter").path("is_active").path("eq_");
            var out = Json.array();
            int skipped = 0;
            for (Automation a : automations.filter(Query.all(new Criterion.All(List.of())))) {
                Optional<NotificationPolicy> p = NotificationPolicy.of(a);
                if (p.isEmpty() || (active.isBoolean() && p.get().isActive() != active.booleanValue())) {
                    continue;
                }
                if (skipped++ < offset) {
                    continue;
                }
                if (out.size() >= limit) {
                    break;
                }
                out.add(p.get().toJson(a.id(), a.created(), a.updated()));
            }
            return out;
        });
    }

    private static ApiException notFound() {
        return ApiException.detail(404, "Flow run notification policy not found");
    }

    private static JsonNode object(ApiCall call) {
        JsonNode body = call.body();
        if (body == null || !body.isObject()) {
            throw invalid(List.of("body"), "model_attributes_type", "Input should be a valid dictionary or object",
                    body, body);
        }
        return body;
    }

    private static UUID pathId(ApiCall call) {
        String raw = call.path("id");
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw invalid(List.of("path", "id"), "uuid_parsing", "Input should be a valid UUID",
                    Json.NODES.textNode(raw), null);
        }
    }

    private static boolean present(JsonNode body, String field) {
        return body.has(field) && !body.get(field).isNull();
    }

    private static boolean bool(JsonNode body, String field, boolean fallback, JsonNode request) {
        JsonNode v = body.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw invalid(List.of("body", field), "bool_type", "Input should be a valid boolean", v, request);
        }
        return v.booleanValue();
    }

    private static List<String> strings(JsonNode body, String field, JsonNode request) {
        JsonNode v = body.get(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw invalid(List.of("body", field), "list_type", "Input should be a valid list", v, request);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw invalid(List.of("body", field, i), "string_type", "Input should be a valid string", v.get(i),
                        request);
            }
            out.add(v.get(i).asText());
        }
        return out;
    }

    private static UUID requiredUuid(JsonNode body, String field, JsonNode request) {
        JsonNode v = body.get(field);
        if (v == null) {
            throw invalid(List.of("body", field), "missing", "Field required", null, request);
        }
        try {
            if (!v.isTextual()) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(v.asText());
        } catch (IllegalArgumentException e) {
            throw invalid(List.of("body", field), "uuid_parsing", "Input should be a valid UUID", v, request);
        }
    }

    /** The template, whose placeholders must each be one Prefect 3.0 knew. */
    private static String template(JsonNode body, JsonNode request) {
        JsonNode v = body.get("message_template");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid(List.of("body", "message_template"), "string_type", "Input should be a valid string", v,
                    request);
        }
        Matcher m = PLACEHOLDER.matcher(v.asText());
        while (m.find()) {
            if (!NotificationPolicy.isPlaceholder(m.group(1))) {
                throw ApiException.invalidField(List.of("body", "message_template"),
                        "Invalid template key: " + m.group(1), v, request);
            }
        }
        return v.asText();
    }

    private static int nonNegative(JsonNode body, String field, int fallback, JsonNode request) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0) {
            throw invalid(List.of("body", field), "greater_than_equal", "Input should be a valid non-negative integer",
                    v, request);
        }
        return v.intValue();
    }

    private static ApiException invalid(List<Object> loc, String type, String message, JsonNode input,
                                        JsonNode request) {
        return ApiException.validation(List.of(new ValidationError(type, loc, message, input, null)),
                request == null ? Json.NODES.nullNode() : request);
    }
}
