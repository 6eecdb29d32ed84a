package io.baton.automations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Ids;
import io.baton.domain.automation.Automation;
import io.baton.domain.automation.trigger.Firing;
import io.baton.json.Json;
import java.time.Instant;
import java.util.UUID;

/** The events automations emit, in Prefect's names and shapes. */
public final class AutomationEvents {

    private AutomationEvents() {}

    /** {@code prefect.automation.created / updated / deleted}: the automation as payload. */
    public static JsonNode changed(String what, Automation automation, Instant at) {
        ObjectNode e = base("prefect.automation." + what, at, Ids.uuid7(at));
        e.set("resource", Json.object().put("prefect.resource.id", "prefect.automation." + automation.id())
                .put("prefect.resource.name", automation.name()));
        e.set("payload", Json.toTree(automation));
        return e;
    }

    /** {@code prefect.automation.triggered} for a firing of the automation's trigger. */
    public static ObjectNode triggered(JsonNode automation, String posture, Firing firing, UUID id) {
        ObjectNode e = base("prefect.automation.triggered", firing.triggered(), id);
        ObjectNode resource = automationResource(automation);
        if (posture != null) {
            resource.put("prefect.posture", posture);
        }
        e.set("resource", resource);
        ArrayNode related = Json.array();
        if (firing.triggeringEvent() != null) {
            related.add(role("prefect.event." + firing.triggeringEvent().path("id").asText(), "triggering-event"));
        }
        e.set("related", related);
        ObjectNode payload = Json.object();
        ObjectNode labels = payload.putObject("triggering_labels");
        firing.triggeringLabels().forEach(labels::put);
        payload.set("triggering_event", firing.triggeringEvent() == null ? Json.NODES.nullNode()
                : firing.triggeringEvent());
        e.set("payload", payload);
        return e;
    }

    /**
     * {@code prefect.automation.action.<what>}: {@code related} lists the action's own resources, then the
     * triggered event and the triggering event.
     */
    public static ObjectNode action(String what, JsonNode firing, JsonNode action, int index, ArrayNode targets,
                                    ObjectNode extraPayload, UUID id, Instant occurred, String follows) {
        ObjectNode e = base("prefect.automation.action." + what, occurred, id);
        ObjectNode resource = automationResource(firing.get("automation"));
        resource.put("prefect.trigger-type", firing.path("trigger_type").asText("event"));
        if (firing.hasNonNull("posture")) {
            resource.put("prefect.posture", firing.get("posture").asText());
        }
        e.set("resource", resource);
        ArrayNode related = Json.array();
        if (targets != null) {
            related.addAll(targets);
        }
        related.add(role("prefect.event." + firing.path("triggered_event_id").asText(), "automation-triggered-event"));
        JsonNode triggering = firing.get("triggering_event");
        if (triggering != null && triggering.isObject()) {
            related.add(role("prefect.event." + triggering.path("id").asText(), "triggering-event"));
        }
        e.set("related", related);
        ObjectNode payload = Json.object();
        payload.put("action_index", index);
        payload.put("action_type", action.path("type").asText());
        payload.put("invocation", firing.path("invocation").asText());
        if (extraPayload != null) {
            payload.setAll(extraPayload);
        }
        e.set("payload", payload);
        if (follows != null) {
            e.put("follows", follows);
        }
        return e;
    }

    public static ObjectNode role(String id, String role) {
        return Json.object().put("prefect.resource.id", id).put("prefect.resource.role", role);
    }

    private static ObjectNode automationResource(JsonNode automation) {
        return Json.object().put("prefect.resource.id", "prefect.automation." + automation.path("id").asText())
                .put("prefect.resource.name", automation.path("name").asText());
    }

    private static ObjectNode base(String name, Instant occurred, UUID id) {
        ObjectNode e = Json.object();
        e.put("id", id.toString());
        e.put("occurred", Json.timestamp(occurred));
        e.put("event", name);
        e.set("related", Json.array());
        e.set("payload", Json.object());
        return e;
    }
}
