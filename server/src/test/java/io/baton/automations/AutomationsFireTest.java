package io.baton.automations;

import static io.baton.automations.AutomationHarness.awaitFiring;
import static io.baton.automations.AutomationHarness.create;
import static io.baton.automations.AutomationHarness.event;
import static io.baton.automations.AutomationHarness.send;
import static io.baton.automations.AutomationHarness.subscribe;
import static io.baton.automations.AutomationHarness.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.BatonServer;
import io.baton.json.Json;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import io.baton.testing.TestSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Each trigger kind fires through the API and its events reach an /events/out subscriber. */
@ParameterizedClass
@EnumSource(DbKind.class)
class AutomationsFireTest {

    @Parameter
    DbKind db;

    BatonServer server;
    ApiClient api;
    String ns;

    @BeforeEach
    void setUp() {
        server = TestServers.sharedWithAutomations(db);
        api = new ApiClient(server);
        ns = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void reactiveThresholdForEachFiresForTheKeyThatReachedIt() {
        ObjectNode t = trigger(ns + ".order.*", List.of(ns + ".placed"), 3, 30);
        t.set("for_each", Json.array().add("acme.customer"));
        JsonNode automation = create(server, "order-burst-" + ns, t, Json.object().put("type", "do-nothing"));
        assertThat(automation.get("trigger").get("match_related")).isEqualTo(Json.object());
        try (TestSocket out = subscribe(server)) {
            send(server, event(ns + ".placed", ns + ".order.1", "acme.customer", "alice"),
                    event(ns + ".placed", ns + ".order.2", "acme.customer", "bob"),
                    event(ns + ".placed", ns + ".order.3", "acme.customer", "alice"),
                    event(ns + ".placed", ns + ".order.4", "acme.customer", "bob"));
            ObjectNode fifth = event(ns + ".placed", ns + ".order.5", "acme.customer", "alice");
            send(server, fifth);
            Map<String, JsonNode> events = awaitFiring(out, automation);
            JsonNode triggered = events.get("prefect.automation.triggered");
            assertThat(triggered.get("resource").get("prefect.posture").asText()).isEqualTo("Reactive");
            assertThat(triggered.get("payload").get("triggering_labels")).isEqualTo(Json.object().put("acme.customer", "alice"));
            assertThat(triggered.get("payload").get("triggering_event").get("id").asText()).isEqualTo(fifth.get("id").asText());
            assertThat(triggered.get("related").get(0).get("prefect.resource.role").asText()).isEqualTo("triggering-event");
            JsonNode actionTriggered = events.get("prefect.automation.action.triggered");
            assertThat(actionTriggered.get("payload").get("action_type").asText()).isEqualTo("do-nothing");
            assertThat(actionTriggered.get("follows").asText()).isEqualTo(fifth.get("id").asText());
            assertThat(actionTriggered.get("resource").get("prefect.trigger-type").asText()).isEqualTo("event");
            assertThat(events).containsKey("prefect.automation.action.executed");
        }
        assertThat(AutomationHarness.stored(server, automation, "prefect.automation.triggered")).hasSize(1);
    }

    @Test
    void compoundAllAndSequenceFire() {
        ObjectNode compound = Json.object().put("type", "compound").put("require", "all").put("within", 60.0);
        compound.set("triggers", Json.array().add(trigger(ns + ".repo.*", List.of(ns + ".build.passed"), 1, 0))
                .add(trigger(ns + ".repo.*", List.of(ns + ".scan.passed"), 1, 0)));
        JsonNode gate = create(server, "gate-" + ns, compound, Json.object().put("type", "do-nothing"));
        JsonNode target = create(server, "target-" + ns, trigger(ns + ".never", List.of(ns + ".never"), 1, 0),
                Json.object().put("type", "do-nothing"));
        ObjectNode sequence = Json.object().put("type", "sequence").put("within", 60.0);
        sequence.set("triggers", Json.array().add(trigger(ns + ".repo.*", List.of(ns + ".step.one"), 1, 0))
                .add(trigger(ns + ".repo.*", List.of(ns + ".step.two"), 1, 0)));
        JsonNode steps = create(server, "steps-" + ns, sequence, Json.object().put("type", "pause-automation")
                .put("source", "selected").put("automation_id", target.get("id").asText()));
        try (TestSocket out = subscribe(server)) {
            send(server, event(ns + ".build.passed", ns + ".repo.web"));
            send(server, event(ns + ".scan.passed", ns + ".repo.web"));
            Map<String, JsonNode> fired = awaitFiring(out, gate);
            assertThat(fired.get("prefect.automation.triggered").get("resource").has("prefect.posture")).isFalse();
            assertThat(fired.get("prefect.automation.action.triggered").get("resource").get("prefect.trigger-type")
                    .asText()).isEqualTo("compound");

            // Out of order: no firing. In order: the target automation is paused.
            send(server, event(ns + ".step.two", ns + ".repo.api"));
            send(server, event(ns + ".step.one", ns + ".repo.api"));
            send(server, event(ns + ".step.two", ns + ".repo.web"));
            Map<String, JsonNode> sequenced = awaitFiring(out, steps);
            assertThat(sequenced).containsKey("prefect.automation.action.executed");
            assertThat(sequenced.get("prefect.automation.action.executed").get("payload").get("status_code").asInt())
                    .isEqualTo(204);
        }
        assertThat(api.get("/automations/" + target.get("id").asText()).expect(200).body().get("enabled").asBoolean())
                .isFalse();
        assertThat(AutomationHarness.stored(server, steps, "prefect.automation.triggered")).hasSize(1);
    }

    @Test
    void proactiveFiresWhenTheExpectedEventDoesNotCome() {
        ObjectNode t = trigger(ns + ".job.*", List.of(ns + ".job.done"), 1, 1);
        t.put("posture", "Proactive");
        t.set("after", Json.array().add(ns + ".job.started"));
        t.set("for_each", Json.array().add("prefect.resource.id"));
        JsonNode automation = create(server, "stuck-" + ns, t, Json.object().put("type", "do-nothing"));
        try (TestSocket out = subscribe(server)) {
            ObjectNode started = event(ns + ".job.started", ns + ".job.1");
            send(server, started, event(ns + ".job.started", ns + ".job.2"));
            send(server, event(ns + ".job.done", ns + ".job.2"));
            Map<String, JsonNode> events = awaitFiring(out, automation);
            JsonNode triggered = events.get("prefect.automation.triggered");
            assertThat(triggered.get("resource").get("prefect.posture").asText()).isEqualTo("Proactive");
            assertThat(triggered.get("payload").get("triggering_event").get("id").asText())
                    .isEqualTo(started.get("id").asText());
        }
        assertThat(AutomationHarness.stored(server, automation, "prefect.automation.triggered")).hasSize(1);
    }

    @Test
    void aFollowerArrivingBeforeItsPredecessorIsCountedAfterIt() {
        ObjectNode seq = Json.object().put("type", "sequence").put("within", 60.0);
        seq.set("triggers", Json.array().add(trigger(ns + ".r", List.of(ns + ".first"), 1, 0))
                .add(trigger(ns + ".r", List.of(ns + ".second"), 1, 0)));
        JsonNode automation = create(server, "follows-" + ns, seq, Json.object().put("type", "do-nothing"));
        try (TestSocket out = subscribe(server)) {
            ObjectNode first = event(ns + ".first", ns + ".r");
            ObjectNode second = event(ns + ".second", ns + ".r");
            second.put("follows", first.get("id").asText());
            send(server, second);
            send(server, first);
            assertThat(awaitFiring(out, automation)).containsKey("prefect.automation.action.executed");
        }
    }
}
