package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Filters on one object by criteria on a related one become EXISTS subqueries; checked in every direction. */
@ParameterizedClass
@EnumSource(DbKind.class)
class CrossObjectFilterTest {

    @Parameter
    DbKind db;

    @Test
    void relatedObjectsFilterEachOther() {
        ApiClient api = new ApiClient(TestServers.shared(db));
        String suffix = UUID.randomUUID().toString();
        String flowId = api.post("/flows/", Map.of("name", "xo-" + suffix)).body().get("id").asText();
        String otherFlowId = api.post("/flows/", Map.of("name", "xo-other-" + suffix)).body().get("id").asText();
        String runId = api.post("/flow_runs/", Map.of("flow_id", flowId, "tags", List.of(suffix))).expect(201)
                .body().get("id").asText();
        api.post("/flow_runs/", Map.of("flow_id", otherFlowId, "tags", List.of(suffix))).expect(201);
        String taskRunId = api.post("/task_runs/", Map.of("flow_run_id", runId, "task_key", "k", "dynamic_key", "0",
                "name", "t-" + suffix)).expect(201).body().get("id").asText();

        Map<String, Object> byTag = Map.of("tags", Map.of("all_", List.of(suffix)));
        assertThat(ids(api.post("/flows/filter", Map.of("flow_runs", Map.of("id", Map.of("any_", List.of(runId)))))))
                .containsExactly(flowId);
        assertThat(ids(api.post("/flows/filter", Map.of("task_runs", Map.of("id", Map.of("any_", List.of(taskRunId)))))))
                .containsExactly(flowId);
        assertThat(ids(api.post("/flow_runs/filter", Map.of("flow_runs", byTag,
                "flows", Map.of("name", Map.of("any_", List.of("xo-" + suffix))))))).containsExactly(runId);
        assertThat(ids(api.post("/flow_runs/filter", Map.of("flow_runs", byTag,
                "task_runs", Map.of("name", Map.of("any_", List.of("t-" + suffix))))))).containsExactly(runId);
        assertThat(ids(api.post("/task_runs/filter", Map.of("flow_runs", Map.of("id", Map.of("any_", List.of(runId)))))))
                .containsExactly(taskRunId);
        assertThat(ids(api.post("/task_runs/filter", Map.of("flows", Map.of("name", Map.of("any_", List.of("xo-" + suffix)))))))
                .containsExactly(taskRunId);
        assertThat(ids(api.post("/flow_runs/filter", Map.of("flow_runs", byTag,
                "deployments", Map.of("id", Map.of("any_", List.of(UUID.randomUUID().toString())))))))
                .isEmpty();
    }

    private static List<String> ids(ApiClient.Response response) {
        response.expect(200);
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode item : response.body()) {
            ids.add(item.get("id").asText());
        }
        return ids;
    }
}
