package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.json.Json;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Prefect 3.0-3.7's flow run notification policies, served as automations with a send-notification action. */
@ParameterizedClass
@EnumSource(DbKind.class)
class NotificationPolicyApiTest {

    @Parameter
    DbKind db;

    BatonServer server;
    ApiClient api;

    @BeforeEach
    void setUp() {
        server = TestServers.shared(db);
        api = new ApiClient(server);
    }

    /** Prefect 3.0's FlowRunNotificationPolicy: every field, of the right type. */
    private static void assertPolicyShape(JsonNode p) {
        assertThat(p.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "created", "updated", "is_active",
                "state_names", "tags", "block_document_id", "message_template");
        UUID.fromString(p.get("id").asText());
        UUID.fromString(p.get("block_document_id").asText());
        assertThat(p.get("is_active").isBoolean()).isTrue();
        assertThat(p.get("state_names").isArray()).isTrue();
        assertThat(p.get("tags").isArray()).isTrue();
        assertThat(p.get("message_template").isTextual() || p.get("message_template").isNull()).isTrue();
    }

    @Test
    void lifecycleAsAnAutomation() {
        String block = UUID.randomUUID().toString();
        JsonNode created = api.post("/flow_run_notification_policies/", Map.of("state_names", List.of("Failed", "Crashed"),
                "tags", List.of("prod"), "block_document_id", block,
                "message_template", "Run {flow_run_name} of {flow_name} is {flow_run_state_name}")).expect(201).body();
        assertPolicyShape(created);
        String id = created.get("id").asText();
        assertThat(created.get("is_active").asBoolean()).isTrue();
        assertThat(api.get("/flow_run_notification_policies/" + id).expect(200).body()).isEqualTo(created);

        JsonNode automation = api.get("/automations/" + id).expect(200).body();
        JsonNode trigger = automation.get("trigger");
        assertThat(trigger.get("expect")).containsExactlyInAnyOrder(Json.NODES.textNode("prefect.flow-run.Failed"),
                Json.NODES.textNode("prefect.flow-run.Crashed"));
        assertThat(trigger.get("match").get("prefect.resource.id").asText()).isEqualTo("prefect.flow-run.*");
        assertThat(trigger.get("match_related").get("prefect.resource.id").get(0).asText()).isEqualTo("prefect.tag.prod");
        assertThat(trigger.get("for_each").get(0).asText()).isEqualTo("prefect.resource.id");
        JsonNode action = automation.get("actions").get(0);
        assertThat(action.get("type").asText()).isEqualTo("send-notification");
        assertThat(action.get("block_document_id").asText()).isEqualTo(block);
        assertThat(action.get("body").asText())
                .isEqualTo("Run {{ flow_run.name }} of {{ flow.name }} is {{ flow_run.state.name }}");

        api.patch("/flow_run_notification_policies/" + id, Map.of("is_active", false, "state_names", List.of("Completed")))
                .expect(204);
        JsonNode updated = api.get("/flow_run_notification_policies/" + id).expect(200).body();
        assertPolicyShape(updated);
        assertThat(updated.get("is_active").asBoolean()).isFalse();
        assertThat(updated.get("state_names")).containsExactly(Json.NODES.textNode("Completed"));
        assertThat(updated.get("tags")).containsExactly(Json.NODES.textNode("prod"));
        assertThat(updated.get("message_template").asText()).isEqualTo(created.get("message_template").asText());
        assertThat(api.get("/automations/" + id).expect(200).body().get("enabled").asBoolean()).isFalse();

        List<String> inactive = ids(api.post("/flow_run_notification_policies/filter",
                Map.of("flow_run_notification_policy_filter", Map.of("is_active", Map.of("eq_", false)))).expect(200).body());
        List<String> active = ids(api.post("/flow_run_notification_policies/filter",
                Map.of("flow_run_notification_policy_filter", Map.of("is_active", Map.of("eq_", true)))).expect(200).body());
        assertThat(inactive).contains(id);
        assertThat(active).doesNotContain(id);

        api.delete("/flow_run_notification_policies/" + id).expect(204);
        api.get("/flow_run_notification_policies/" + id).expect(404);
        api.get("/automations/" + id).expect(404);
    }

    @Test
    void defaultsAndBadInput() {
        String block = UUID.randomUUID().toString();
        JsonNode created = api.post("/flow_run_notification_policies/", Map.of("block_document_id", block)).expect(201).body();
        assertPolicyShape(created);
        assertThat(created.get("state_names")).isEmpty();
        assertThat(created.get("message_template").isNull()).isTrue();
        JsonNode trigger = api.get("/automations/" + created.get("id").asText()).expect(200).body().get("trigger");
        assertThat(trigger.get("expect")).containsExactly(Json.NODES.textNode("prefect.flow-run.*"));

        api.post("/flow_run_notification_policies/", Map.of("state_names", List.of("Failed"))).expect(422);
        api.post("/flow_run_notification_policies/", Map.of("block_document_id", "nope")).expect(422);
        api.post("/flow_run_notification_policies/", Map.of("block_document_id", block, "tags", "x")).expect(422);
        api.post("/flow_run_notification_policies/", Map.of("block_document_id", block,
                "message_template", "{not_a_key}")).expect(422);
        api.get("/flow_run_notification_policies/not-a-uuid").expect(422);
        api.get("/flow_run_notification_policies/" + UUID.randomUUID()).expect(404);
        api.patch("/flow_run_notification_policies/" + UUID.randomUUID(), Map.of("is_active", true)).expect(404);
        api.post("/flow_run_notification_policies/filter", Map.of("limit", -1)).expect(422);
        // An automation that is not a policy is not one through these routes.
        String other = api.post("/automations/", Map.of("name", "plain", "trigger", Map.of("type", "event",
                "posture", "Reactive", "expect", List.of("x")), "actions", List.of(Map.of("type", "do-nothing"))))
                .expect(201).body().get("id").asText();
        api.get("/flow_run_notification_policies/" + other).expect(404);
        api.delete("/flow_run_notification_policies/" + other).expect(404);
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new java.util.ArrayList<>();
        list.forEach(p -> {
            assertPolicyShape(p);
            out.add(p.get("id").asText());
        });
        return out;
    }
}
