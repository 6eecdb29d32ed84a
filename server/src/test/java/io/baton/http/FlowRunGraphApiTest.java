package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.view.FlowRunGraph;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /flow_runs/{id}/graph}, {@code graph-v2} and {@code /flow_runs/lateness}. */
@ParameterizedClass
@EnumSource(DbKind.class)
class FlowRunGraphApiTest {

    @Parameter
    DbKind db;

    ApiClient api;
    String flowId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
        flowId = api.post("/flows/", Map.of("name", "graph-" + UUID.randomUUID())).body().get("id").asText();
    }

    private String flowRun(Map<String, Object> extra) {
        var body = new java.util.HashMap<String, Object>(Map.of("flow_id", flowId, "state", Map.of("type", "RUNNING")));
        body.putAll(extra);
        return api.post("/flow_runs/", body).expect(201).body().get("id").asText();
    }

    private String task(String flowRun, String key, Map<String, Object> inputs, String type) {
        return api.post("/task_runs/", Map.of("flow_run_id", flowRun, "task_key", key, "dynamic_key", "0", "name", key,
                "task_inputs", inputs, "state", Map.of("type", type))).body().get("id").asText();
    }

    private static Map<String, Object> upstream(String id) {
        return Map.of("input_type", "task_run", "id", id);
    }

    @Test
    void graphV2HasNodesEdgesSubflowsAndStates() {
        String run = flowRun(Map.of());
        String a = task(run, "a", Map.of(), "COMPLETED");
        String b = task(run, "b", Map.of("x", List.of(upstream(a))), "RUNNING");
        String inner = task(run, "inner", Map.of("__parents__", List.of(upstream(b))), "RUNNING");
        task(run, "waiting", Map.of(), "PENDING");
        String parentTask = task(run, "child-flow", Map.of("y", List.of(upstream(a))), "RUNNING");
        String subflow = flowRun(Map.of("parent_task_run_id", parentTask));
        api.post("/artifacts/", Map.of("flow_run_id", run, "task_run_id", b, "type", "markdown", "data", "# hi",
                "key", "graph-" + UUID.randomUUID().toString().substring(0, 8))).expect(201);
        api.post("/artifacts/", Map.of("flow_run_id", run, "type", "table", "data", List.of())).expect(201);

        JsonNode graph = api.get("/flow_runs/" + run + "/graph-v2").expect(200).body();
        Map<String, JsonNode> nodes = new java.util.HashMap<>();
        graph.get("nodes").forEach(pair -> nodes.put(pair.get(0).asText(), pair.get(1)));
        assertThat(nodes.keySet()).containsExactlyInAnyOrder(a, b, inner, subflow);
        assertThat(nodes.get(b).get("parents").toString()).isEqualTo("[{\"id\":\"" + a + "\"}]");
        assertThat(nodes.get(a).get("children").findValuesAsText("id")).containsExactlyInAnyOrder(b, subflow);
        assertThat(nodes.get(inner).get("encapsulating").toString()).isEqualTo("[{\"id\":\"" + b + "\"}]");
        assertThat(nodes.get(subflow).get("kind").asText()).isEqualTo("flow-run");
        assertThat(nodes.get(subflow).get("label").asText()).endsWith(" / " + api.get("/flow_runs/" + subflow).body()
                .get("name").asText());
        assertThat(nodes.get(b).get("artifacts").size()).isEqualTo(1);
        assertThat(nodes.get(b).get("artifacts").get(0).get("is_latest").asBoolean()).isTrue();
        assertThat(graph.get("artifacts").size()).isEqualTo(1);
        assertThat(graph.get("root_node_ids").findValuesAsText("id")).isEmpty();
        assertThat(graph.get("root_node_ids").toString()).contains(a).contains(inner).doesNotContain(b);
        assertThat(graph.get("states").get(0).get("type").asText()).isEqualTo("RUNNING");

        // Nodes that ended before `since` are left out.
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS);
        JsonNode recent = api.get("/flow_runs/" + run + "/graph-v2?since=" + later).expect(200).body();
        assertThat(recent.get("nodes").size()).isEqualTo(3);
    }

    @Test
    void graphV2OfAMissingRunIsEmptyAndGraphV1IsNotFound() {
        JsonNode empty = api.get("/flow_runs/" + UUID.randomUUID() + "/graph-v2").expect(200).body();
        assertThat(empty.get("nodes").size()).isZero();
        assertThat(empty.get("start_time").isNull()).isTrue();
        JsonNode missing = api.get("/flow_runs/" + UUID.randomUUID() + "/graph").expect(404).body();
        assertThat(missing.get("exception_message").asText()).startsWith("Flow run with id ");
    }

    @Test
    void graphV1ListsUpstreamDependencies() {
        String run = flowRun(Map.of());
        String a = task(run, "a", Map.of(), "COMPLETED");
        String b = task(run, "b", Map.of("x", List.of(upstream(a), Map.of("input_type", "parameter", "name", "p"))),
                "RUNNING");
        JsonNode deps = api.get("/flow_runs/" + run + "/graph").expect(200).body();
        assertThat(deps.size()).isEqualTo(2);
        for (JsonNode d : deps) {
            if (d.get("id").asText().equals(b)) {
                assertThat(d.get("upstream_dependencies").toString())
                        .isEqualTo("[{\"input_type\":\"task_run\",\"id\":\"" + a + "\"}]");
            } else {
                assertThat(d.get("upstream_dependencies").size()).isZero();
            }
        }
    }

    @Test
    void tooLargeAGraphIsRefused() {
        var tasks = List.of(
                new FlowRunGraph.TaskNode(UUID.randomUUID(), "a", io.baton.domain.state.StateType.RUNNING,
                        Instant.now(), null, null, null, null),
                new FlowRunGraph.TaskNode(UUID.randomUUID(), "b", io.baton.domain.state.StateType.RUNNING,
                        Instant.now(), null, null, null, null));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlowRunGraph.build(UUID.randomUUID(), null, null,
                        tasks, List.of(), List.of(), null, 1, 10))
                .isInstanceOf(FlowRunGraph.TooLargeException.class).hasMessageContaining("has more than 1 nodes");
    }

    @Test
    void latenessAveragesTheMatchingRuns() {
        Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String late = api.post("/flow_runs/", Map.of("flow_id", flowId, "state", Map.of("type", "SCHEDULED",
                "state_details", Map.of("scheduled_time", hourAgo.toString())))).expect(201).body().get("id").asText();
        JsonNode lateness = api.post("/flow_runs/lateness", Map.of("flows", Map.of("id", Map.of("any_", List.of(flowId)))))
                .expect(200).body();
        assertThat(lateness.asDouble()).isGreaterThanOrEqualTo(3600.0).isLessThan(3600.0 * 24);
        JsonNode none = api.post("/flow_runs/lateness", Map.of("flow_runs", Map.of("id",
                Map.of("any_", List.of(UUID.randomUUID().toString()))))).expect(200).body();
        assertThat(none.isNull()).isTrue();
        assertThat(late).isNotEmpty();
        api.post("/flow_runs/lateness", Map.of("flows", Map.of("nope", 1))).expect(422);
    }
}
