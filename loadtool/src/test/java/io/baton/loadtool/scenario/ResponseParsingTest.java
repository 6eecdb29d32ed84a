package io.baton.loadtool.scenario;

import io.baton.loadtool.http.ApiResponse;
import io.baton.loadtool.http.Json;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseParsingTest {

    @Test
    void bulkCreateCountsOnlyCreatedResults() throws Exception {
        var body = Json.MAPPER.readTree("""
                {"results": [{"flow_run_id": "a", "status": "CREATED", "error": null},
                             {"flow_run_id": null, "status": "FAILED", "error": "boom"},
                             {"flow_run_id": "b", "status": "CREATED", "error": null}]}""");
        assertThat(PollScenario.countCreated(new ApiResponse(200, body, "200"))).isEqualTo(2);
        assertThat(PollScenario.countCreated(new ApiResponse(404, Json.object(), "404"))).isZero();
        assertThat(PollScenario.countCreated(ApiResponse.failed("io"))).isZero();
    }

    @Test
    void visibilityCountsExpectedTaskRunsInFinalState() throws Exception {
        var body = Json.MAPPER.readTree("""
                [{"id": "t1", "state_type": "COMPLETED"},
                 {"id": "t2", "state_type": "RUNNING"},
                 {"id": "t3", "state": {"type": "COMPLETED"}},
                 {"id": "other", "state_type": "COMPLETED"}]""");
        Set<String> finished = new HashSet<>();
        int size = VisibilityChecks.collect(new ApiResponse(200, body, "200"), Set.of("t1", "t2", "t3"), finished);
        assertThat(size).isEqualTo(4);
        assertThat(finished).containsExactlyInAnyOrder("t1", "t3");
        assertThat(VisibilityChecks.collect(new ApiResponse(503, Json.object(), "503"), Set.of("t1"), finished)).isEqualTo(-1);
    }

    @Test
    void setStateBodyHasTheClientShape() {
        var body = Payloads.setFlowRunState("run-1", "RUNNING", "Running");
        assertThat(body.get("force").asBoolean()).isFalse();
        assertThat(body.at("/state/state_details/flow_run_id").asText()).isEqualTo("run-1");
        assertThat(body.at("/state/state_details/transition_id").asText()).hasSize(36);
        // Key order of the recorded client request (it-test_hello_tasks.jsonl).
        java.util.List<String> keys = new java.util.ArrayList<>();
        body.at("/state/state_details").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("flow_run_id", "task_run_id", "child_flow_run_id", "scheduled_time",
                "cache_key", "cache_expiration", "deferred", "untrackable_result", "pause_timeout",
                "pause_reschedule", "pause_key", "run_input_keyset", "refresh_cache", "retriable", "transition_id",
                "task_parameters_id", "traceparent", "deployment_concurrency_lease_id");
    }

    @Test
    void workPoolBodyIsTheRecordedProcessPool() {
        var body = Payloads.processWorkPool("my-pool");
        assertThat(body.get("name").asText()).isEqualTo("my-pool");
        assertThat(body.get("type").asText()).isEqualTo("process");
        assertThat(body.at("/base_job_template/job_configuration/command").asText()).isEqualTo("{{ command }}");
    }
}
