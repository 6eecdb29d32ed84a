package io.baton.automations.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.baton.automations.AutomationEvents;
import io.baton.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One action's view of its firing: its targets (named, or inferred from the triggering event), the template
 * context (automation, event, labels and the flow run, flow, deployment, work queue and work pool the event
 * names, read when a template mentions them) and the API calls it makes as the automation.
 */
final class ActionContext {

    private static final Map<String, String> OBJECTS = Map.of(
            "flow_run", "prefect.flow-run.", "flow", "prefect.flow.", "deployment", "prefect.deployment.",
            "work_queue", "prefect.work-queue.", "work_pool", "prefect.work-pool.");
    private static final Map<String, String> READ_PATHS = Map.of(
            "flow_run", "/flow_runs/", "flow", "/flows/", "deployment", "/deployments/",
            "work_queue", "/work_queues/");

    private final LoopbackApi api;
    private final JsonNode firing;
    private final UUID automationId;
    private final String automationName;
    private Map<String, Object> templateContext;

    ActionContext(LoopbackApi api, JsonNode firing, UUID automationId, String automationName) {
        this.api = api;
        this.firing = firing;
        this.automationId = automationId;
        this.automationName = automationName;
    }

    LoopbackApi.Response call(String method, String path, JsonNode body) {
        return api.send(method, path, body, automationId, automationName);
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode event() {
        JsonNode e = firing.get("triggering_event");
        return e == null || e.isNull() ? Json.object() : e;
    }

    /** The id of the event's resource or related resource whose id starts with {@code prefix}, or null. */
    private String inferred(String prefix, String role) {
        String own = event().path("resource").path("prefect.resource.id").asText("");
        if (own.startsWith(prefix)) {
            return own.substring(prefix.length());
        }
        for (JsonNode r : event().path("related")) {
            String id = r.path("prefect.resource.id").asText("");
            if (id.startsWith(prefix) && (role == null || role.equals(r.path("prefect.resource.role").asText(role)))) {
                return id.substring(prefix.length());
            }
        }
        return null;
    }

    String target(JsonNode action, String idField, String prefix, String kind) {
        if (!"inferred".equals(action.path("source").asText("selected")) && action.hasNonNull(idField)) {
            return action.get(idField).asText();
        }
        String id = inferred(prefix, null);
        if (id == null) {
            throw new ActionFailed("No " + kind + " could be inferred");
        }
        return id;
    }

    String flowRunId() {
        String id = inferred("prefect.flow-run.", null);
        if (id == null) {
            throw new ActionFailed("No flow run could be inferred");
        }
        return id;
    }

    String workPoolName(String id) {
        var filter = Json.object();
        filter.set("work_pools", Json.object().set("id", Json.object().set("any_", Json.array().add(id))));
        LoopbackApi.Response r = call("POST", "/work_pools/filter", filter);
        if (!r.ok() || r.body() == null || r.body().isEmpty()) {
            throw new ActionFailed("Work pool " + id + " not found");
        }
        return r.body().get(0).path("name").asText();
    }

    /** The block document with its secrets; adds it and its type to {@code targets}. */
    JsonNode block(String id, ArrayNode targets) {
        LoopbackApi.Response r = api.get("/block_documents/" + id + "?include_secrets=true", automationId, automationName);
        if (!r.ok() || r.body() == null) {
            throw new ActionFailed("The notification block was not found");
        }
        targets.add(AutomationEvents.role("prefect.block-document." + id, "block")
                .put("prefect.resource.name", r.body().path("name").asText()));
        String slug = r.body().path("block_type").path("slug").asText(r.body().path("block_type_name").asText());
        targets.add(AutomationEvents.role("prefect.block-type." + slug, "block-type"));
        return r.body();
    }

    String render(String template) {
        if (!Templates.isTemplate(template)) {
            return template;
        }
        return rendering(() -> Templates.render(template, templateContext(template)));
    }

    JsonNode renderTree(JsonNode node) {
        String text = node.toString();
        if (!Templates.isTemplate(text)) {
            return node;
        }
        return rendering(() -> Templates.renderTree(node, templateContext(text)));
    }

    private static <T> T rendering(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ActionFailed e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ActionFailed("The template could not be rendered: " + e.getMessage());
        }
    }

    private Map<String, Object> templateContext(String template) {
        if (templateContext == null) {
            templateContext = new HashMap<>();
            templateContext.put("automation", Templates.value(firing.get("automation")));
            templateContext.put("event", Templates.value(event()));
            templateContext.put("labels", Templates.value(firing.get("triggering_labels")));
            templateContext.put("firing", Templates.value(firing));
        }
        for (Map.Entry<String, String> o : OBJECTS.entrySet()) {
            if (!templateContext.containsKey(o.getKey()) && template.contains(o.getKey())) {
                templateContext.put(o.getKey(), Templates.value(readObject(o.getKey(), o.getValue())));
            }
        }
        return templateContext;
    }

    private JsonNode readObject(String name, String prefix) {
        String id = inferred(prefix, null);
        if (id == null) {
            return null;
        }
        if (name.equals("work_pool")) {
            try {
                return Json.object().put("name", workPoolName(id)).put("id", id);
            } catch (ActionFailed e) {
                return null;
            }
        }
        LoopbackApi.Response r = api.get(READ_PATHS.get(name) + id, automationId, automationName);
        return r.ok() ? r.body() : null;
    }
}
