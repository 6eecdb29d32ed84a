package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code like_} (and {@code startswith_}) filters take SQL patterns as Prefect's {@code ILIKE '%value%'} does:
 * {@code %} and {@code _} are wildcards, matching ignores case. Each object gets three names,
 * {@code etl_1-S}, {@code etl-2-S} and {@code report-S}; the pattern {@code ETL_%-S} matches the first two
 * only when {@code _} and {@code %} are wildcards.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class LikeFilterApiTest {

    @Parameter
    DbKind db;

    ApiClient api;
    String suffix;
    List<String> names;
    String pattern;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
        suffix = UUID.randomUUID().toString().substring(0, 8);
        names = List.of("etl_1-" + suffix, "etl-2-" + suffix, "report-" + suffix);
        pattern = ("ETL_%-" + suffix).toUpperCase();
    }

    private List<String> field(JsonNode list, String name) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get(name).asText()));
        return out;
    }

    private void assertWildcards(String path, String filterKey, String field, Function<String, Object> like) {
        JsonNode found = api.post(path, Map.of(filterKey, Map.of(field, like.apply(pattern)))).expect(200).body();
        assertThat(field(found, field.equals("key") ? "key" : "name"))
                .as("%s with %s", path, pattern)
                .containsExactlyInAnyOrder(names.get(0), names.get(1));
    }

    private String flow(String name) {
        return api.post("/flows/", Map.of("name", name)).expect(201).body().get("id").asText();
    }

    @Test
    void flowsFlowRunsAndTaskRuns() {
        String flowId = null;
        for (String name : names) {
            flowId = flow(name);
        }
        assertWildcards("/flows/filter", "flows", "name", p -> Map.of("like_", p));
        for (String name : names) {
            String runId = api.post("/flow_runs/", Map.of("flow_id", flowId, "name", name)).expect(201).body()
                    .get("id").asText();
            api.post("/task_runs/", Map.of("flow_run_id", runId, "task_key", "k", "dynamic_key", name, "name", name))
                    .expect(201);
        }
        assertWildcards("/flow_runs/filter", "flow_runs", "name", p -> Map.of("like_", p));
        assertWildcards("/task_runs/filter", "task_runs", "name", p -> Map.of("like_", p));
        assertThat(api.post("/flow_runs/count", Map.of("flow_runs", Map.of("name", Map.of("like_", pattern))))
                .expect(200).body().asInt()).isEqualTo(2);
    }

    @Test
    void deploymentsByNameAndByFlowOrDeploymentName() {
        String flowId = flow("host-" + suffix);
        for (String name : names) {
            api.post("/deployments/", Map.of("name", name, "flow_id", flowId)).expect(201);
        }
        assertWildcards("/deployments/filter", "deployments", "name", p -> Map.of("like_", p));
        assertThat(field(api.post("/deployments/filter", Map.of("deployments",
                Map.of("flow_or_deployment_name", Map.of("like_", pattern)))).expect(200).body(), "name"))
                .containsExactlyInAnyOrder(names.get(0), names.get(1));
        // A flow name that matches the pattern selects all its deployments.
        String other = flow("etl_9-" + suffix);
        api.post("/deployments/", Map.of("name", "plain-" + suffix, "flow_id", other)).expect(201);
        assertThat(field(api.post("/deployments/filter", Map.of("deployments",
                Map.of("flow_or_deployment_name", Map.of("like_", pattern)))).expect(200).body(), "name"))
                .containsExactlyInAnyOrder(names.get(0), names.get(1), "plain-" + suffix);
    }

    @Test
    void blockTypesAndBlockDocuments() {
        String schemaId = null;
        String typeId = null;
        for (String name : names) {
            JsonNode type = api.post("/block_types/", Map.of("name", name, "slug", "s" + name)).expect(201).body();
            typeId = type.get("id").asText();
            schemaId = api.post("/block_schemas/", Map.of("block_type_id", typeId,
                    "fields", Map.of("title", name, "type", "object", "properties", Map.of()))).expect(201).body()
                    .get("id").asText();
        }
        assertWildcards("/block_types/filter", "block_types", "name", p -> Map.of("like_", p));
        for (String name : names) {
            api.post("/block_documents/", Map.of("name", name, "block_schema_id", schemaId, "block_type_id", typeId,
                    "data", Map.of())).expect(201);
        }
        assertWildcards("/block_documents/filter", "block_documents", "name", p -> Map.of("like_", p));
    }

    @Test
    void variablesAndArtifacts() {
        for (String name : names) {
            api.post("/variables/", Map.of("name", name.replace('-', '_'), "value", 1)).expect(201);
            api.post("/artifacts/", Map.of("key", name, "type", "markdown", "data", "x")).expect(201);
        }
        JsonNode variables = api.post("/variables/filter", Map.of("variables", Map.of("name", Map.of("like_",
                ("etl_%_" + suffix).toUpperCase())))).expect(200).body();
        assertThat(field(variables, "name")).containsExactlyInAnyOrder(
                names.get(0).replace('-', '_'), names.get(1).replace('-', '_'));
        assertWildcards("/artifacts/filter", "artifacts", "key", p -> Map.of("like_", p));
        assertWildcards("/artifacts/latest/filter", "artifacts", "key", p -> Map.of("like_", p));
    }

    @Test
    void workQueueStartsWithIsAPatternToo() {
        for (String name : names) {
            api.post("/work_queues/", Map.of("name", name)).expect(201);
        }
        JsonNode found = api.post("/work_queues/filter", Map.of("work_queues", Map.of("name",
                Map.of("startswith_", List.of(pattern))))).expect(200).body();
        assertThat(field(found, "name")).containsExactlyInAnyOrder(names.get(0), names.get(1));
    }

    @Test
    void backslashEscapesOnPostgresqlAndIsLiteralOnSqliteAsInPrefect() {
        for (String name : names) {
            flow(name);
        }
        List<String> found = field(api.post("/flows/filter", Map.of("flows", Map.of("name",
                Map.of("like_", "etl\\_%-" + suffix)))).expect(200).body(), "name");
        if (db == DbKind.POSTGRES) {
            assertThat(found).containsExactly(names.get(0));
        } else {
            assertThat(found).isEmpty();
        }
    }

    @Test
    void quotesInThePatternAreData() {
        flow("it's-" + suffix);
        assertThat(field(api.post("/flows/filter", Map.of("flows", Map.of("name",
                Map.of("like_", "t's-" + suffix + "' OR '1'='1")))).expect(200).body(), "name")).isEmpty();
        assertThat(field(api.post("/flows/filter", Map.of("flows", Map.of("name",
                Map.of("like_", "T'S-" + suffix)))).expect(200).body(), "name")).containsExactly("it's-" + suffix);
    }
}
