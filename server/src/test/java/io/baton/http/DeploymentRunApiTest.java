package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.domain.Times;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs made from a deployment ({@code create_flow_run}, bulk) and runner polling of deployments. */
@ParameterizedClass
@EnumSource(DbKind.class)
class DeploymentRunApiTest {

    static final Map<String, Object> SCHEMA = Map.of("title", "Parameters", "type", "object",
            "properties", Map.of("name", Map.of("type", "string", "default", "Marvin"),
                    "count", Map.of("type", "integer")),
            "required", List.of("count"));

    @Parameter
    DbKind db;

    BatonServer server;
    ApiClient api;
    String pool;
    String flowId;

    @BeforeEach
    void setUp() {
        server = TestServers.shared(db);
        api = new ApiClient(server);
        pool = "pool-" + UUID.randomUUID();
        api.post("/work_pools/", Map.of("name", pool, "type", "process")).expect(201);
        flowId = api.post("/flows/", Map.of("name", "deployed-flow")).body().get("id").asText();
    }

    JsonNode deployment(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("name", "d-" + UUID.randomUUID());
        body.put("flow_id", flowId);
        body.put("work_pool_name", pool);
        return api.post("/deployments/", body).expect(201).body();
    }

    @Test
    void createFlowRunMergesTheDeployment() {
        JsonNode d = deployment(Map.of("parameters", Map.of("name", "world", "count", 1), "tags", List.of("nightly"),
                "version", "v7", "job_variables", Map.of("env", Map.of("A", "1"))));
        String id = d.get("id").asText();
        JsonNode run = api.post("/deployments/" + id + "/create_flow_run",
                Map.of("parameters", Map.of("count", 2), "tags", List.of("adhoc"), "job_variables", Map.of("x", 1)))
                .expect(201).body();
        assertThat(run.get("parameters")).isEqualTo(ApiClient.json("{\"name\":\"world\",\"count\":2}"));
        assertThat(run.get("tags").toString()).contains("nightly", "adhoc");
        assertThat(run.get("state").get("type").asText()).isEqualTo("SCHEDULED");
        assertThat(run.get("state").get("name").asText()).isEqualTo("Scheduled");
        assertThat(run.get("next_scheduled_start_time").isNull()).isFalse();
        assertThat(run.get("deployment_id").asText()).isEqualTo(id);
        assertThat(run.get("deployment_version").asText()).isEqualTo("v7");
        assertThat(run.get("work_queue_name").asText()).isEqualTo("default");
        assertThat(run.get("work_queue_id")).isEqualTo(d.get("work_queue_id"));
        assertThat(run.get("work_pool_name").asText()).isEqualTo(pool);
        assertThat(run.get("job_variables")).isEqualTo(ApiClient.json("{\"x\":1}"));
        assertThat(run.get("auto_scheduled").asBoolean()).isFalse();
        assertThat(run.get("created_by").isNull()).isTrue();
        assertThat(run.get("labels").get("prefect.deployment.id").asText()).isEqualTo(id);

        // A worker polling the pool gets it.
        JsonNode polled = api.post("/work_pools/" + pool + "/get_scheduled_flow_runs", Map.of()).expect(200).body();
        assertThat(polled.get(0).get("flow_run").get("id")).isEqualTo(run.get("id"));
        assertThat(polled.get(0).get("flow_run").get("work_queue_name").asText()).isEqualTo("default");

        // A given state wins; an idempotency key returns the first run with 200.
        JsonNode pending = api.post("/deployments/" + id + "/create_flow_run",
                Map.of("state", Map.of("type", "PENDING"), "idempotency_key", "k1")).expect(201).body();
        assertThat(pending.get("state_type").asText()).isEqualTo("PENDING");
        assertThat(api.post("/deployments/" + id + "/create_flow_run", Map.of("idempotency_key", "k1")).expect(200)
                .body().get("id")).isEqualTo(pending.get("id"));
        assertThat(api.post("/deployments/" + UUID.randomUUID() + "/create_flow_run", Map.of()).expect(404)
                .body().get("detail").asText()).isEqualTo("Deployment not found");
    }

    @Test
    void namedQueueIsCreatedInTheDeploymentsPool() {
        String id = deployment(Map.of()).get("id").asText();
        JsonNode run = api.post("/deployments/" + id + "/create_flow_run", Map.of("work_queue_name", "adhoc"))
                .expect(201).body();
        assertThat(run.get("work_queue_name").asText()).isEqualTo("adhoc");
        JsonNode queue = api.get("/work_pools/" + pool + "/queues/adhoc").expect(200).body();
        assertThat(run.get("work_queue_id")).isEqualTo(queue.get("id"));
        api.post("/deployments/" + id + "/create_flow_run", Map.of("work_queue_name", "adhoc")).expect(201);
    }

    @Test
    void enforcedParameterSchemaRefusesWith409() {
        String id = deployment(Map.of("enforce_parameter_schema", true, "parameter_openapi_schema", SCHEMA,
                "parameters", Map.of("name", "world"))).get("id").asText();
        assertThat(api.post("/deployments/" + id + "/create_flow_run", Map.of()).expect(409).body().get("detail").asText())
                .isEqualTo("Error creating flow run: Validation failed. Failure reason: 'count' is a required property");
        assertThat(api.post("/deployments/" + id + "/create_flow_run", Map.of("parameters", Map.of("count", "x")))
                .expect(409).body().get("detail").asText())
                .isEqualTo("Error creating flow run: Validation failed for field 'count'. Failure reason: 'x' is not of type 'integer'");
        api.post("/deployments/" + id + "/create_flow_run", Map.of("parameters", Map.of("count", 3))).expect(201);
        // The run may opt out.
        api.post("/deployments/" + id + "/create_flow_run", Map.of("enforce_parameter_schema", false)).expect(201);
        String unschemed = deployment(Map.of("enforce_parameter_schema", false)).get("id").asText();
        api.post("/deployments/" + unschemed + "/create_flow_run", Map.of("parameters", Map.of("any", 1))).expect(201);
    }

    @Test
    void bulkCreateReportsEachRun() {
        String id = deployment(Map.of("enforce_parameter_schema", true, "parameter_openapi_schema", SCHEMA))
                .get("id").asText();
        JsonNode out = api.post("/deployments/" + id + "/create_flow_run/bulk",
                List.of(Map.of("parameters", Map.of("count", 1)), Map.of("parameters", Map.of()),
                        Map.of("parameters", Map.of("count", 2), "name", "second"))).expect(200).body();
        JsonNode results = out.get("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("status").asText()).isEqualTo("CREATED");
        assertThat(results.get(1).get("status").asText()).isEqualTo("FAILED");
        assertThat(results.get(1).get("flow_run_id").isNull()).isTrue();
        assertThat(results.get(1).get("error").asText()).contains("'count' is a required property");
        assertThat(api.get("/flow_runs/" + results.get(2).get("flow_run_id").asText()).expect(200).body()
                .get("name").asText()).isEqualTo("second");
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(Map.of());
        }
        api.post("/deployments/" + id + "/create_flow_run/bulk", tooMany).expect(422);
        api.post("/deployments/" + UUID.randomUUID() + "/create_flow_run/bulk", List.of(Map.of())).expect(404);
    }

    @Test
    void runnersPollTheirDeployments() {
        String a = deployment(Map.of()).get("id").asText();
        String b = deployment(Map.of()).get("id").asText();
        String other = deployment(Map.of()).get("id").asText();
        String later = scheduled(a, -3600);
        String first = scheduled(b, 20);
        String second = scheduled(a, 10);
        scheduled(other, 30);
        JsonNode runs = api.post("/deployments/get_scheduled_flow_runs", Map.of("deployment_ids", List.of(a, b),
                "scheduled_before", WorkerPollApiTest.PYTHON_STR.format(Times.now()))).expect(200).body();
        List<String> ids = new ArrayList<>();
        runs.forEach(r -> ids.add(r.get("id").asText()));
        assertThat(ids).containsExactly(first, second).doesNotContain(later);
        assertThat(runs.get(0).get("state").get("type").asText()).isEqualTo("SCHEDULED");
        JsonNode deployment = api.get("/deployments/" + a).body();
        assertThat(deployment.get("status").asText()).isEqualTo("READY");
        assertThat(api.get("/deployments/" + other).body().get("status").asText()).isEqualTo("NOT_READY");
        assertThat(api.post("/deployments/get_scheduled_flow_runs", Map.of("deployment_ids", List.of(a), "limit", 1))
                .expect(200).body()).hasSize(1);
    }

    private String scheduled(String deploymentId, long secondsAgo) {
        return api.post("/deployments/" + deploymentId + "/create_flow_run", Map.of("state", Map.of("type", "SCHEDULED",
                "state_details", Map.of("scheduled_time", Times.now().minusSeconds(secondsAgo).toString()))))
                .expect(201).body().get("id").asText();
    }
}
