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

/** Each action type has its effect, fired by its own event. */
@ParameterizedClass
@EnumSource(DbKind.class)
class AutomationActionsTest {

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

    /** Creates an automation on {@code <ns>.ops.<name>} events, fires it on {@code resource}, returns its events. */
    private Map<String, JsonNode> fire(String name, String resource, JsonNode action) {
        JsonNode automation = create(server, "act-" + name + "-" + ns,
                trigger(resource.startsWith("prefect.") ? resource : ns + ".*", List.of(ns + ".ops." + name), 1, 0),
                action);
        try (TestSocket out = subscribe(server)) {
            send(server, event(ns + ".ops." + name, resource));
            Map<String, JsonNode> events = awaitFiring(out, automation);
            assertThat(events).as(name + " failed: " + events.get("prefect.automation.action.failed"))
                    .containsKey("prefect.automation.action.executed");
            return events;
        }
    }

    private JsonNode deployment() {
        String flowId = api.post("/flows/", Map.of("name", "f-" + ns)).body().get("id").asText();
        return api.post("/deployments/", Map.of("name", "d-" + ns, "flow_id", flowId)).expect(201).body();
    }

    @Test
    void deploymentActions() {
        JsonNode deployment = deployment();
        String id = deployment.get("id").asText();
        fire("pause-deployment", ns + ".x.1", Json.object().put("type", "pause-deployment").put("source", "selected")
                .put("deployment_id", id));
        assertThat(api.get("/deployments/" + id).body().get("paused").asBoolean()).isTrue();
        fire("resume-deployment", "prefect.deployment." + id, Json.object().put("type", "resume-deployment")
                .put("source", "inferred"));
        assertThat(api.get("/deployments/" + id).body().get("paused").asBoolean()).isFalse();

        ObjectNode run = Json.object().put("type", "run-deployment").put("source", "selected").put("deployment_id", id)
                .put("schedule_after", 0.0);
        run.set("parameters", Json.object().put("reason", "{{ event.event }}").put("on", "{{ event.resource.id }}")
                .put("amount", "{{ event.payload.amount * 2 }}"));
        Map<String, JsonNode> events = fire("run-deployment", ns + ".x.2", run);
        JsonNode related = events.get("prefect.automation.action.executed").get("related");
        String runId = related.get(1).get("prefect.resource.id").asText().substring("prefect.flow-run.".length());
        assertThat(related.get(1).get("prefect.resource.role").asText()).isEqualTo("flow-run");
        JsonNode created = api.get("/flow_runs/" + runId).expect(200).body();
        assertThat(created.get("parameters")).isEqualTo(Json.object().put("reason", ns + ".ops.run-deployment")
                .put("on", ns + ".x.2").put("amount", "84"));
        assertThat(created.get("created_by").get("type").asText()).isEqualTo("AUTOMATION");
        assertThat(created.get("created_by").get("display_value").asText()).isEqualTo("act-run-deployment-" + ns);

        // The run the deployment made: its state changes, then it is cancelled.
        ObjectNode change = Json.object().put("type", "change-flow-run-state").put("state", "FAILED")
                .put("name", "TimedOut").put("message", "late {{ flow_run.name }}").put("force", true);
        fire("change-flow-run-state", "prefect.flow-run." + runId, change);
        JsonNode changed = api.get("/flow_runs/" + runId).body();
        assertThat(changed.get("state").get("name").asText()).isEqualTo("TimedOut");
        assertThat(changed.get("state").get("message").asText()).isEqualTo("late " + created.get("name").asText());
    }

    @Test
    void flowRunCancelSuspendAndResume() {
        JsonNode deployment = deployment();
        JsonNode run = api.post("/deployments/" + deployment.get("id").asText() + "/create_flow_run", Map.of())
                .expect(201).body();
        String runId = run.get("id").asText();
        api.post("/flow_runs/" + runId + "/set_state", Map.of("state", Map.of("type", "RUNNING"))).expect(201);
        fire("suspend-flow-run", "prefect.flow-run." + runId, Json.object().put("type", "suspend-flow-run"));
        assertThat(api.get("/flow_runs/" + runId).body().get("state").get("name").asText()).isEqualTo("Suspended");
        fire("resume-flow-run", "prefect.flow-run." + runId, Json.object().put("type", "resume-flow-run"));
        assertThat(api.get("/flow_runs/" + runId).body().get("state_type").asText()).isNotEqualTo("PAUSED");
        fire("cancel-flow-run", "prefect.flow-run." + runId, Json.object().put("type", "cancel-flow-run"));
        assertThat(api.get("/flow_runs/" + runId).body().get("state_type").asText()).isIn("CANCELLING", "CANCELLED");
    }

    @Test
    void workPoolWorkQueueAndAutomationActions() {
        JsonNode pool = api.post("/work_pools/", Map.of("name", "p-" + ns, "type", "process")).expect(201).body();
        fire("pause-work-pool", ns + ".x.1", Json.object().put("type", "pause-work-pool").put("source", "selected")
                .put("work_pool_id", pool.get("id").asText()));
        assertThat(api.get("/work_pools/p-" + ns).body().get("is_paused").asBoolean()).isTrue();
        fire("resume-work-pool", "prefect.work-pool." + pool.get("id").asText(),
                Json.object().put("type", "resume-work-pool").put("source", "inferred"));
        assertThat(api.get("/work_pools/p-" + ns).body().get("is_paused").asBoolean()).isFalse();

        JsonNode queue = api.post("/work_pools/p-" + ns + "/queues", Map.of("name", "q-" + ns)).expect(201).body();
        String queueId = queue.get("id").asText();
        fire("pause-work-queue", ns + ".x.2", Json.object().put("type", "pause-work-queue").put("source", "selected")
                .put("work_queue_id", queueId));
        assertThat(api.get("/work_queues/" + queueId).body().get("is_paused").asBoolean()).isTrue();
        fire("resume-work-queue", ns + ".x.3", Json.object().put("type", "resume-work-queue").put("source", "selected")
                .put("work_queue_id", queueId));
        assertThat(api.get("/work_queues/" + queueId).body().get("is_paused").asBoolean()).isFalse();

        JsonNode target = create(server, "target-" + ns, trigger(ns + ".never", List.of(ns + ".never"), 1, 0),
                Json.object().put("type", "do-nothing"));
        String targetId = target.get("id").asText();
        fire("pause-automation", ns + ".x.4", Json.object().put("type", "pause-automation").put("source", "selected")
                .put("automation_id", targetId));
        assertThat(api.get("/automations/" + targetId).body().get("enabled").asBoolean()).isFalse();
        fire("resume-automation", ns + ".x.5", Json.object().put("type", "resume-automation").put("source", "selected")
                .put("automation_id", targetId));
        assertThat(api.get("/automations/" + targetId).body().get("enabled").asBoolean()).isTrue();
    }

    private String blockDocument(String slug, String name, JsonNode data) {
        JsonNode type = api.get("/block_types/slug/" + slug).expect(200).body();
        JsonNode schema = api.post("/block_schemas/filter", Map.of("block_schemas", Map.of("block_type_id",
                Map.of("any_", List.of(type.get("id").asText()))))).expect(200).body().get(0);
        return api.post("/block_documents/", Map.of("name", name, "data", data, "block_schema_id",
                schema.get("id").asText(), "block_type_id", type.get("id").asText(), "is_anonymous", false))
                .expect(201).body().get("id").asText();
    }

    @Test
    void notificationsAndWebhooksReachTheSinkRendered() {
        try (HttpSink sink = new HttpSink()) {
            ObjectNode notifier = Json.object().put("name", "sink-notifier").put("url", sink.url("/notify"))
                    .put("method", "POST").put("timeout", 10.0).put("allow_private_urls", true);
            notifier.set("json_data", Json.object().put("title", "{{subject}}").put("text", "{{body}}").put("kind", "prefect"));
            notifier.set("headers", Json.object().put("X-Acme-Token", "{{token}}"));
            notifier.set("secrets", Json.object().put("token", "s3cr3t-token"));
            String notifierId = blockDocument("custom-webhook", "n-" + ns, notifier);
            Map<String, JsonNode> events = fire("send-notification", ns + ".ops.13", Json.object()
                    .put("type", "send-notification").put("block_document_id", notifierId)
                    .put("subject", "Automation {{ automation.name }} fired")
                    .put("body", "Event {{ event.event }} on {{ event.resource.id }} (amount {{ event.payload.amount }})"));
            HttpSink.Received notified = sink.next();
            assertThat(notified.path()).isEqualTo("/notify");
            assertThat(notified.headers()).containsEntry("x-acme-token", "s3cr3t-token")
                    .containsEntry("user-agent", "Prefect Notifications");
            assertThat(Json.read(notified.body())).isEqualTo(Json.object()
                    .put("title", "Automation act-send-notification-" + ns + " fired")
                    .put("text", "Event " + ns + ".ops.send-notification on " + ns + ".ops.13 (amount 42)")
                    .put("kind", "prefect"));
            JsonNode related = events.get("prefect.automation.action.executed").get("related");
            assertThat(related.get(1).get("prefect.resource.id").asText()).isEqualTo("prefect.block-type.custom-webhook");

            ObjectNode slack = Json.object().put("url", sink.url("/slack")).put("allow_private_urls", true);
            String slackId = blockDocument("slack-webhook", "s-" + ns, slack);
            fire("slack", ns + ".ops.14", Json.object().put("type", "send-notification").put("block_document_id", slackId)
                    .put("subject", "S").put("body", "{{ event.resource.id }}"));
            HttpSink.Received slacked = sink.next();
            assertThat(Json.read(slacked.body()).get("text").asText()).isEqualTo("S\n" + ns + ".ops.14");

            ObjectNode hook = Json.object().put("method", "POST").put("url", sink.url("/webhook"))
                    .put("allow_private_urls", true).put("verify", true);
            hook.set("headers", Json.object().put("X-Acme-Source", "prefect-automation"));
            String hookId = blockDocument("webhook", "w-" + ns, hook);
            Map<String, JsonNode> called = fire("call-webhook", ns + ".ops.12", Json.object().put("type", "call-webhook")
                    .put("block_document_id", hookId).put("payload",
                            "{\"automation\": \"{{ automation.name }}\", \"amount\": {{ event.payload.amount }}}"));
            HttpSink.Received hooked = sink.next();
            assertThat(hooked.headers()).containsEntry("x-acme-source", "prefect-automation");
            assertThat(Json.read(hooked.body())).isEqualTo(Json.object().put("automation", "act-call-webhook-" + ns)
                    .put("amount", 42));
            JsonNode payload = called.get("prefect.automation.action.executed").get("payload");
            assertThat(payload.get("status_code").asInt()).isEqualTo(200);
            assertThat(payload.get("response_body").asText()).isEqualTo("{\"ok\": true}");
        }
    }
}
