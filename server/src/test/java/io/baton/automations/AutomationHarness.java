package io.baton.automations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.BatonServer;
import io.baton.json.Json;
import io.baton.testing.ApiClient;
import io.baton.testing.TestSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Helpers of the automation API tests: automations, events in, automation events out. */
final class AutomationHarness {

    private AutomationHarness() {}

    static ObjectNode event(String name, String resource, String... labels) {
        ObjectNode e = Json.object();
        e.put("id", UUID.randomUUID().toString());
        e.put("occurred", Json.timestamp(Instant.now()));
        e.put("event", name);
        ObjectNode r = Json.object().put("prefect.resource.id", resource);
        for (int i = 0; i + 1 < labels.length; i += 2) {
            r.put(labels[i], labels[i + 1]);
        }
        e.set("resource", r);
        e.set("related", Json.array());
        e.set("payload", Json.object().put("amount", 42));
        return e;
    }

    static void send(BatonServer server, ObjectNode... events) {
        var batch = Json.array();
        for (ObjectNode e : events) {
            batch.add(e);
        }
        new ApiClient(server).post("/events", batch).expect(204);
    }

    /** An event trigger, reactive unless {@code posture} says otherwise. */
    static ObjectNode trigger(String resourcePattern, List<String> expect, int threshold, double within) {
        ObjectNode t = Json.object().put("type", "event");
        t.set("match", Json.object().put("prefect.resource.id", resourcePattern));
        t.set("match_related", Json.object());
        t.set("after", Json.array());
        t.set("expect", Json.toTree(expect));
        t.set("for_each", Json.array());
        t.put("posture", "Reactive").put("threshold", threshold).put("within", within);
        return t;
    }

    static JsonNode create(BatonServer server, String name, JsonNode trigger, JsonNode... actions) {
        ObjectNode body = Json.object().put("name", name).put("description", "").put("enabled", true);
        body.set("tags", Json.array());
        body.set("trigger", trigger);
        var list = Json.array();
        for (JsonNode a : actions) {
            list.add(a);
        }
        body.set("actions", list);
        body.set("actions_on_trigger", Json.array());
        body.set("actions_on_resolve", Json.array());
        return new ApiClient(server).post("/automations/", body).expect(201).body();
    }

    static TestSocket subscribe(BatonServer server) {
        TestSocket out = TestSocket.authenticated(server, "/events/out");
        ObjectNode filter = Json.object();
        filter.set("occurred", Json.object().put("since", Json.timestamp(Instant.now().minusSeconds(3600)))
                .put("until", Json.timestamp(Instant.now().plusSeconds(365L * 86400))));
        filter.set("event", Json.object().set("prefix", Json.array().add("prefect.automation.")));
        ObjectNode message = Json.object().put("type", "filter");
        message.set("filter", filter);
        message.put("backfill", false);
        out.send(message);
        out.pingAndAwaitPong();
        return out;
    }

    /** Reads the subscriber until the automation's triggered, action.triggered and action.executed/failed arrived. */
    static Map<String, JsonNode> awaitFiring(TestSocket out, JsonNode automation) {
        String resource = "prefect.automation." + automation.get("id").asText();
        Map<String, JsonNode> seen = new java.util.LinkedHashMap<>();
        while (!(seen.containsKey("prefect.automation.triggered") && seen.containsKey("prefect.automation.action.triggered")
                && (seen.containsKey("prefect.automation.action.executed") || seen.containsKey("prefect.automation.action.failed")))) {
            JsonNode message = out.next();
            assertThat(message).as("automation events of " + automation.get("name").asText() + " so far: " + seen.keySet())
                    .isNotNull();
            JsonNode e = message.get("event");
            if (resource.equals(e.path("resource").path("prefect.resource.id").asText())) {
                seen.putIfAbsent(e.get("event").asText(), e);
            }
        }
        return seen;
    }

    /** The stored automation events of one automation with the given name. */
    static List<JsonNode> stored(BatonServer server, JsonNode automation, String event) {
        ObjectNode filter = Json.object();
        filter.set("resource", Json.object().set("id", Json.array().add("prefect.automation." + automation.get("id").asText())));
        filter.set("event", Json.object().set("name", Json.array().add(event)));
        filter.set("occurred", Json.object().put("since", Json.timestamp(Instant.now().minusSeconds(3600))));
        JsonNode page = new ApiClient(server).post("/events/filter", Map.of("filter", filter, "limit", 50)).expect(200).body();
        List<JsonNode> out = new ArrayList<>();
        page.get("events").forEach(out::add);
        return out;
    }
}
