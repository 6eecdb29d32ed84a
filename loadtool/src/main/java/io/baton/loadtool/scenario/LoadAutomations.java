package io.baton.loadtool.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.loadtool.http.ApiClient;
import io.baton.loadtool.http.ApiResponse;
import io.baton.loadtool.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Enabled automations present during a load run (the {@code events} scenario's {@code --automations}): one
 * fires on every flow run's {@code prefect.flow-run.Running} event (action do-nothing), one counts every
 * task run's Completed event (threshold never reached), the rest watch events the load never sends. After
 * the run, trigger-to-action latency is read back from the automation events: from the triggering event's
 * {@code occurred} to the {@code prefect.automation.action.executed} event's {@code occurred}.
 */
final class LoadAutomations {

    private final ApiClient api;
    private final List<String> ids = new ArrayList<>();
    private String firingId;
    private Instant started;

    LoadAutomations(ApiClient api) {
        this.api = api;
    }

    void create(int count) {
        started = Instant.now();
        for (int i = 0; i < count; i++) {
            ObjectNode trigger = Json.object().put("type", "event").put("posture", "Reactive").put("within", 0.0)
                    .put("threshold", 1);
            String match;
            String expect;
            if (i == 0) {
                match = "prefect.flow-run.*";
                expect = "prefect.flow-run.Running";
            } else if (i == 1) {
                match = "prefect.task-run.*";
                expect = "prefect.task-run.Completed";
                trigger.put("threshold", 1_000_000_000).put("within", 86_400.0);
            } else {
                match = "baton.load.other." + i + ".*";
                expect = "baton.load.other." + i + ".happened";
            }
            trigger.set("match", Json.object().put("prefect.resource.id", match));
            trigger.set("match_related", Json.object());
            trigger.set("expect", Json.array().add(expect));
            ObjectNode body = Json.object().put("name", "baton-load-automation-" + i).put("enabled", true);
            body.set("trigger", trigger);
            body.set("actions", Json.array().add(Json.object().put("type", "do-nothing")));
            ApiResponse r = api.post("/automations/", body);
            if (!r.ok()) {
                throw new IllegalStateException("creating automation " + i + " failed: " + r.status());
            }
            ids.add(r.body().path("id").asText());
        }
        firingId = ids.isEmpty() ? null : ids.get(0);
    }

    /** Trigger-to-action latencies (ms) of the firing automation, read from its events. */
    List<Double> latenciesMillis() {
        if (firingId == null) {
            return List.of();
        }
        Map<String, Instant> triggeringByTriggered = new HashMap<>();
        for (JsonNode e : events("prefect.automation.triggered")) {
            JsonNode triggering = e.path("payload").path("triggering_event");
            if (triggering.hasNonNull("occurred")) {
                triggeringByTriggered.put(e.path("id").asText(), Instant.parse(triggering.get("occurred").asText()));
            }
        }
        List<Double> out = new ArrayList<>();
        for (JsonNode e : events("prefect.automation.action.executed")) {
            for (JsonNode r : e.path("related")) {
                if ("automation-triggered-event".equals(r.path("prefect.resource.role").asText())) {
                    String id = r.path("prefect.resource.id").asText().substring("prefect.event.".length());
                    Instant from = triggeringByTriggered.get(id);
                    if (from != null) {
                        out.add((Instant.parse(e.path("occurred").asText()).toEpochMilli() - from.toEpochMilli()) * 1.0);
                    }
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    private List<JsonNode> events(String name) {
        List<JsonNode> out = new ArrayList<>();
        ObjectNode filter = Json.object();
        filter.set("occurred", Json.object().put("since", started.minusSeconds(5).toString()));
        filter.set("event", Json.object().set("name", Json.array().add(name)));
        filter.set("resource", Json.object().set("id", Json.array().add("prefect.automation." + firingId)));
        ApiResponse page = api.post("/events/filter", Map.of("filter", filter, "limit", 50));
        while (page.ok()) {
            page.body().path("events").forEach(out::add);
            String next = page.body().path("next_page").asText(null);
            if (next == null || next.equals("null")) {
                break;
            }
            int at = next.indexOf("/api/");
            page = api.get(next.substring(at + 4));
        }
        return out;
    }

    void delete() {
        for (String id : ids) {
            api.send("DELETE", "/automations/" + id, null, null);
        }
    }
}
