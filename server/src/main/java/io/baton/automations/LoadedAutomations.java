package io.baton.automations;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.automation.Automation;
import io.baton.domain.automation.trigger.EventTrigger;
import io.baton.domain.automation.trigger.Trigger;
import io.baton.json.Json;
import java.util.ArrayList;
import java.util.List;

/** An immutable snapshot of the enabled automations with their parsed triggers. */
record LoadedAutomations(List<Loaded> automations, List<Watch> watches) {

    static final LoadedAutomations EMPTY = new LoadedAutomations(List.of(), List.of());

    /** An enabled automation, its trigger tree and its wire JSON (what actions and events carry). */
    record Loaded(Automation automation, Trigger trigger, JsonNode json) {}

    /** One event trigger of a loaded automation. */
    record Watch(Loaded owner, EventTrigger trigger) {}

    static LoadedAutomations of(List<Automation> enabled) {
        List<Loaded> loaded = new ArrayList<>();
        List<Watch> watches = new ArrayList<>();
        for (Automation a : enabled) {
            if (!a.enabled() || a.trigger() == null) {
                continue;
            }
            Loaded l = new Loaded(a, Trigger.parse(a.trigger()), Json.toTree(a));
            loaded.add(l);
            l.trigger().eventTriggers().forEach(t -> watches.add(new Watch(l, t)));
        }
        return new LoadedAutomations(List.copyOf(loaded), List.copyOf(watches));
    }

    List<Watch> interestedIn(JsonNode event) {
        List<Watch> out = null;
        for (Watch w : watches) {
            if (w.trigger().covers(event)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(w);
            }
        }
        return out == null ? List.of() : out;
    }
}
