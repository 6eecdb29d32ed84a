package io.baton.domain.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a create or replace request asks for, with the trigger completed the way Prefect's models complete
 * it (ids on every trigger, the event trigger's defaults), and the resources the automation relates to.
 */
public record AutomationSpec(String name, String description, boolean enabled, List<String> tags,
        JsonNode trigger, JsonNode actions, JsonNode actionsOnTrigger, JsonNode actionsOnResolve) {

    public static AutomationSpec fromBody(JsonNode body) {
        List<String> tags = new ArrayList<>();
        body.path("tags").forEach(t -> tags.add(t.asText()));
        return new AutomationSpec(body.get("name").asText(), body.path("description").asText(""),
                body.path("enabled").asBoolean(true), tags, completeTrigger(body.get("trigger")),
                listOrEmpty(body.get("actions")), listOrEmpty(body.get("actions_on_trigger")),
                listOrEmpty(body.get("actions_on_resolve")));
    }

    private static JsonNode listOrEmpty(JsonNode node) {
        return node == null || node.isNull() ? Json.array() : node;
    }

    static JsonNode completeTrigger(JsonNode trigger) {
        ObjectNode out = trigger.deepCopy();
        String type = out.path("type").asText("event");
        out.put("type", type);
        if (!out.hasNonNull("id")) {
            out.put("id", UUID.randomUUID().toString());
        }
        if (type.equals("event")) {
            putIfAbsent(out, "match", Json.object());
            // Prefect answers an empty match_related as {} (one empty specification), however it was sent.
            JsonNode related = out.get("match_related");
            if (related == null || related.isNull() || (related.isArray() && related.isEmpty())) {
                out.set("match_related", Json.object());
            }
            putIfAbsent(out, "after", Json.array());
            putIfAbsent(out, "expect", Json.array());
            putIfAbsent(out, "for_each", Json.array());
            if (!out.has("threshold")) {
                out.put("threshold", 1);
            }
            if (!out.has("within")) {
                out.put("within", 0.0);
            }
        } else if (out.get("triggers") instanceof ArrayNode children) {
            ArrayNode completed = Json.array();
            children.forEach(child -> completed.add(completeTrigger(child)));
            out.set("triggers", completed);
        }
        return out;
    }

    private static void putIfAbsent(ObjectNode node, String key, JsonNode value) {
        if (!node.has(key) || node.get(key).isNull()) {
            node.set(key, value);
        }
    }

    /**
     * Resource ids the automation's actions name ({@code prefect.deployment.<id>} and the like), so that
     * {@code related-to} can find it.
     */
    public List<String> relatedResourceIds() {
        List<String> out = new ArrayList<>();
        for (JsonNode list : List.of(actions, actionsOnTrigger, actionsOnResolve)) {
            for (JsonNode action : list) {
                addRelated(out, "prefect.deployment.", action.get("deployment_id"));
                addRelated(out, "prefect.work-pool.", action.get("work_pool_id"));
                addRelated(out, "prefect.work-queue.", action.get("work_queue_id"));
                addRelated(out, "prefect.automation.", action.get("automation_id"));
                addRelated(out, "prefect.block-document.", action.get("block_document_id"));
            }
        }
        return out;
    }

    private static void addRelated(List<String> out, String prefix, JsonNode id) {
        if (id != null && id.isTextual() && !out.contains(prefix + id.asText())) {
            out.add(prefix + id.asText());
        }
    }
}
