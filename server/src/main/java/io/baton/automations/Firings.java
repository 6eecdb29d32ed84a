package io.baton.automations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Ids;
import io.baton.domain.automation.PendingAction;
import io.baton.domain.automation.trigger.CompositeEvaluation;
import io.baton.domain.automation.trigger.CompositeTrigger;
import io.baton.domain.automation.trigger.EventTrigger;
import io.baton.domain.automation.trigger.Firing;
import io.baton.domain.automation.trigger.Trigger;
import io.baton.json.Json;
import io.baton.storage.AutomationStateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an event trigger's firing leads to, inside the transaction that counted it: the composite parents
 * record it (and may fire in turn); a firing of the automation's own trigger queues its actions. The
 * {@code prefect.automation.triggered} events it returns are to be published once the transaction committed.
 */
final class Firings {

    private Firings() {}

    static List<JsonNode> propagate(AutomationStateStore.Tx tx, LoadedAutomations.Loaded owner, List<Firing> firings) {
        List<JsonNode> events = new ArrayList<>();
        for (Firing f : firings) {
            propagate(tx, owner, f, events);
        }
        return events;
    }

    private static void propagate(AutomationStateStore.Tx tx, LoadedAutomations.Loaded owner, Firing firing,
                                  List<JsonNode> events) {
        CompositeTrigger parent = owner.trigger().parentOf(firing.triggerId());
        if (parent == null) {
            events.add(act(tx, owner, firing));
            return;
        }
        var id = owner.automation().id();
        Map<java.util.UUID, Firing> stored = tx.lockChildFirings(id, parent.id());
        CompositeEvaluation.Step step = CompositeEvaluation.childFired(parent, stored, firing, Ids::uuid7);
        if (!step.childFirings().equals(stored)) {
            tx.replaceChildFirings(id, parent.id(), step.childFirings());
        }
        step.fired().ifPresent(f -> propagate(tx, owner, f, events));
    }

    /** Queues the automation's actions for the firing; returns the triggered event. */
    private static JsonNode act(AutomationStateStore.Tx tx, LoadedAutomations.Loaded owner, Firing firing) {
        Trigger root = owner.trigger();
        String posture = root instanceof EventTrigger e ? e.posture().name() : null;
        var triggeredId = Ids.uuid7(firing.triggered());
        ObjectNode triggered = AutomationEvents.triggered(owner.json(), posture, firing, triggeredId);
        List<PendingAction> actions = new ArrayList<>();
        int index = 0;
        for (JsonNode action : owner.automation().actions()) {
            actions.add(pending(owner, firing, posture, triggeredId, action, index++, firing.triggeringEvent()));
        }
        for (JsonNode action : owner.automation().actionsOnTrigger()) {
            actions.add(pending(owner, firing, posture, triggeredId, action, index++, triggered));
        }
        tx.enqueue(actions);
        return triggered;
    }

    private static PendingAction pending(LoadedAutomations.Loaded owner, Firing firing, String posture,
                                         java.util.UUID triggeredId, JsonNode action, int index, JsonNode triggering) {
        ObjectNode context = Json.object();
        context.set("automation", owner.json());
        context.put("trigger_type", owner.trigger().type());
        if (posture != null) {
            context.put("posture", posture);
        }
        context.set("triggering_event", triggering == null ? Json.NODES.nullNode() : triggering);
        context.put("triggered_event_id", triggeredId.toString());
        context.put("triggered", Json.timestamp(firing.triggered()));
        context.put("invocation", Ids.uuid7(firing.triggered()).toString());
        context.put("firing_id", firing.id().toString());
        ObjectNode labels = context.putObject("triggering_labels");
        firing.triggeringLabels().forEach(labels::put);
        return new PendingAction(Ids.uuid7(firing.triggered()), owner.automation().id(), index, action, context);
    }
}
