package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deleting a flow run that holds its deployment's concurrency slot (PENDING, RUNNING or CANCELLING) gives the slot
 * back (DATA-MODEL.md 3), so the deployment's next run is not left waiting for a run that no longer exists.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class FlowRunDeleteReleasesSlotTest {

    static final Map<String, String> CLIENT = Map.of("User-Agent", "prefect/3.8.3 (API 0.8.4)",
            "X-PREFECT-API-VERSION", "0.8.4");

    @Parameter
    DbKind db;

    ApiClient api;
    String flowId;
    String deploymentId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
        flowId = api.post("/flows/", Map.of("name", "flow-" + UUID.randomUUID())).body().get("id").asText();
        deploymentId = api.post("/deployments/", Map.of("name", "d", "flow_id", flowId, "concurrency_limit", 1))
                .expect(201).body().get("id").asText();
    }

    private String scheduledRun() {
        return api.post("/flow_runs/", Map.of("flow_id", flowId, "deployment_id", deploymentId,
                "state", Map.of("type", "SCHEDULED"))).expect(201).body().get("id").asText();
    }

    private JsonNode propose(String runId, String type) {
        Map<String, Object> state = new HashMap<>(Map.of("type", type));
        state.put("state_details", Map.of("transition_id", UUID.randomUUID().toString()));
        return api.send("POST", "/flow_runs/" + runId + "/set_state", Map.of("state", state, "force", false), CLIENT).body();
    }

    private int activeSlots() {
        return api.get("/deployments/" + deploymentId).expect(200).body().get("global_concurrency_limit")
                .get("active_slots").asInt();
    }

    @Test
    void deletingAPendingRunFreesTheSlotForTheNextRun() {
        String first = scheduledRun();
        assertThat(propose(first, "PENDING").get("status").asText()).isEqualTo("ACCEPT");
        assertThat(activeSlots()).isEqualTo(1);
        String second = scheduledRun();
        JsonNode waiting = propose(second, "PENDING");
        assertThat(waiting.get("status").asText()).isEqualTo("REJECT");
        assertThat(waiting.get("state").get("name").asText()).isEqualTo("AwaitingConcurrencySlot");

        api.delete("/flow_runs/" + first).expect(204);
        assertThat(activeSlots()).isZero();
        String third = scheduledRun();
        assertThat(propose(third, "PENDING").get("status").asText()).isEqualTo("ACCEPT");
        assertThat(activeSlots()).isEqualTo(1);
    }

    @Test
    void deletingARunningOrCancellingRunFreesItsSlot() {
        for (String last : List.of("RUNNING", "CANCELLING")) {
            String run = scheduledRun();
            assertThat(propose(run, "PENDING").get("status").asText()).isEqualTo("ACCEPT");
            assertThat(propose(run, "RUNNING").get("status").asText()).isEqualTo("ACCEPT");
            if (last.equals("CANCELLING")) {
                assertThat(propose(run, "CANCELLING").get("status").asText()).isEqualTo("ACCEPT");
            }
            assertThat(activeSlots()).isEqualTo(1);
            api.delete("/flow_runs/" + run).expect(204);
            assertThat(activeSlots()).as("slots after deleting a %s run", last).isZero();
        }
    }

    @Test
    void deletingARunThatHoldsNoSlotLeavesTheLimitAlone() {
        String holder = scheduledRun();
        assertThat(propose(holder, "PENDING").get("status").asText()).isEqualTo("ACCEPT");
        String scheduled = scheduledRun();
        api.delete("/flow_runs/" + scheduled).expect(204);
        assertThat(activeSlots()).isEqualTo(1);
        String completed = scheduledRun();
        api.delete("/flow_runs/" + holder).expect(204);
        assertThat(propose(completed, "PENDING").get("status").asText()).isEqualTo("ACCEPT");
        assertThat(propose(completed, "RUNNING").get("status").asText()).isEqualTo("ACCEPT");
        assertThat(propose(completed, "COMPLETED").get("status").asText()).isEqualTo("ACCEPT");
        assertThat(activeSlots()).isZero();
        api.delete("/flow_runs/" + completed).expect(204);
        assertThat(activeSlots()).isZero();
    }

    @Test
    void bulkDeleteFreesTheSlotsOfTheRunsItDeletes() {
        String run = scheduledRun();
        assertThat(propose(run, "PENDING").get("status").asText()).isEqualTo("ACCEPT");
        api.post("/flow_runs/bulk_delete", Map.of("flow_runs", Map.of("id", Map.of("any_", List.of(run)))))
                .expect(200);
        assertThat(api.get("/flow_runs/" + run).status()).isEqualTo(404);
        assertThat(activeSlots()).isZero();
    }
}
