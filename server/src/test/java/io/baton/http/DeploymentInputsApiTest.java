package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Job variables checked against the pool's base job template, and {@code __prefect_kind} parameters hydrated. */
@ParameterizedClass
@EnumSource(DbKind.class)
class DeploymentInputsApiTest {

    @Parameter
    DbKind db;

    ApiClient api;
    String suffix;
    String flowId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
        suffix = UUID.randomUUID().toString().substring(0, 8);
        flowId = api.post("/flows/", Map.of("name", "inputs-" + suffix)).expect(201).body().get("id").asText();
    }

    private String pool() {
        String name = "pool-" + suffix;
        Map<String, Object> variables = Map.of("type", "object",
                "properties", Map.of(
                        "cpu", Map.of("type", "integer", "minimum", 1),
                        "image", Map.of("type", "string"),
                        "stream_output", Map.of("type", "boolean", "default", true)),
                "required", List.of("image", "stream_output"));
        api.post("/work_pools/", Map.of("name", name, "type", "process",
                "base_job_template", Map.of("job_configuration", Map.of("command", "{{ command }}"),
                        "variables", variables))).expect(201);
        return name;
    }

    private ApiClient.Response deploy(String pool, Map<String, Object> jobVariables) {
        return api.post("/deployments/", Map.of("name", "d-" + UUID.randomUUID(), "flow_id", flowId,
                "work_pool_name", pool, "job_variables", jobVariables));
    }

    @Test
    void createdDeploymentsJobVariablesFitTheTemplateRequiredOnesNotYetDue() {
        String pool = pool();
        assertThat(deploy(pool, Map.of("cpu", "many")).expect(422).body().get("detail").asText()).isEqualTo(
                "Error creating deployment: Validation failed for field 'cpu'. Failure reason: 'many' is not valid "
                        + "under any of the given schemas");
        assertThat(deploy(pool, Map.of("cpu", 0)).expect(422).body().get("detail").asText()).isEqualTo(
                "Error creating deployment: Validation failed for field 'cpu'. Failure reason: 0 is less than the "
                        + "minimum of 1");
        deploy(pool, Map.of("cpu", 2)).expect(201);
        deploy(pool, Map.of()).expect(201);
        // Variables the template does not know are allowed, as are nulls for optional ones.
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("env", Map.of("A", "1"));
        extra.put("cpu", null);
        deploy(pool, extra).expect(201);
        // Unknown pools are a 404 as before; the default agent pool is never checked.
        deploy("nope-" + suffix, Map.of("cpu", "x")).expect(404);
    }

    @Test
    void updatesNamingThePoolCheckTheWholeConfiguration() {
        String pool = pool();
        String id = deploy(pool, Map.of("image", "python:3.12")).expect(201).body().get("id").asText();
        assertThat(api.patch("/deployments/" + id, Map.of("work_pool_name", pool, "job_variables",
                Map.of("image", "python:3.12", "cpu", "x"))).expect(409).body().get("detail").asText())
                .isEqualTo("Error creating deployment: <ValidationError: \"'x' is not of type 'integer'\">");
        assertThat(api.patch("/deployments/" + id, Map.of("work_pool_name", pool, "job_variables", Map.of("cpu", 2)))
                .expect(409).body().get("detail").asText())
                .isEqualTo("Error creating deployment: <ValidationError: \"'image' is a required property\">");
        api.patch("/deployments/" + id, Map.of("work_pool_name", pool, "job_variables",
                Map.of("image", "python:3.13", "cpu", 2))).expect(204);
        api.patch("/deployments/" + UUID.randomUUID(), Map.of("work_pool_name", pool, "job_variables",
                Map.of("cpu", "x"))).expect(404);
        // Without the pool in the update, nothing is checked.
        api.patch("/deployments/" + id, Map.of("job_variables", Map.of("cpu", 4))).expect(204);
        assertThat(api.get("/deployments/" + id).body().get("job_variables").get("cpu").asInt()).isEqualTo(4);
    }

    @Test
    void runsFromADeploymentNeedEveryRequiredVariable() {
        String pool = pool();
        String bare = deploy(pool, Map.of()).expect(201).body().get("id").asText();
        assertThat(api.post("/deployments/" + bare + "/create_flow_run", Map.of()).expect(422).body().get("detail")
                .asText()).isEqualTo("Error creating flow run: Validation failed. Failure reason: 'image' is a "
                        + "required property");
        api.post("/deployments/" + bare + "/create_flow_run", Map.of("job_variables", Map.of("image", "x")))
                .expect(201);
        assertThat(api.post("/deployments/" + bare + "/create_flow_run", Map.of("job_variables",
                Map.of("image", "x", "cpu", "y"))).expect(422).body().get("detail").asText())
                .startsWith("Error creating flow run: Validation failed for field 'cpu'.");
        String complete = deploy(pool, Map.of("image", "python")).expect(201).body().get("id").asText();
        api.post("/deployments/" + complete + "/create_flow_run", Map.of()).expect(201);
        JsonNode bulk = api.post("/deployments/" + bare + "/create_flow_run/bulk", List.of(Map.of(),
                Map.of("job_variables", Map.of("image", "x")))).expect(200).body().get("results");
        assertThat(bulk.get(0).get("status").asText()).isEqualTo("FAILED");
        assertThat(bulk.get(1).get("status").asText()).isEqualTo("CREATED");
    }

    @Test
    void newJobVariablesOfAScheduledRunFitItsDeploymentsPool() {
        String pool = pool();
        String id = deploy(pool, Map.of("image", "python")).expect(201).body().get("id").asText();
        String run = api.post("/deployments/" + id + "/create_flow_run", Map.of()).expect(201).body().get("id").asText();
        assertThat(api.patch("/flow_runs/" + run, Map.of("job_variables", Map.of("cpu", "lots"))).expect(422).body()
                .get("detail").asText()).isEqualTo("Error updating flow run: Validation failed for field 'cpu'. "
                        + "Failure reason: 'lots' is not valid under any of the given schemas");
        api.patch("/flow_runs/" + run, Map.of("job_variables", Map.of("cpu", 3))).expect(204);
        assertThat(api.get("/flow_runs/" + run).body().get("job_variables").get("cpu").asInt()).isEqualTo(3);
    }

    @Test
    void runParametersAreHydrated() {
        api.post("/variables/", Map.of("name", "greeting_" + suffix, "value", "hello")).expect(201);
        api.post("/variables/", Map.of("name", "limits_" + suffix, "value", Map.of("max", 3))).expect(201);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("doc", Map.of("__prefect_kind", "json", "value", "{\"x\": [1, 2]}"));
        parameters.put("greeting", Map.of("__prefect_kind", "workspace_variable", "variable_name", "greeting_" + suffix));
        parameters.put("limits", Map.of("__prefect_kind", "workspace_variable", "variable_name", "limits_" + suffix));
        parameters.put("sum", Map.of("__prefect_kind", "jinja", "template", "{{ 1 + 2 }} {{ 'a' | upper }}"));
        parameters.put("plain", Map.of("__prefect_kind", "none", "value", List.of(1, Map.of("__prefect_kind", "json"))));
        parameters.put("dropped", Map.of("__prefect_kind", "json"));
        parameters.put("nested", Map.of("inner", Map.of("__prefect_kind", "json", "value", "true")));
        String id = api.post("/deployments/", Map.of("name", "h-" + suffix, "flow_id", flowId, "parameters", parameters))
                .expect(201).body().get("id").asText();
        JsonNode run = api.post("/deployments/" + id + "/create_flow_run",
                Map.of("parameters", Map.of("extra", Map.of("__prefect_kind", "json", "value", "7")))).expect(201).body();
        JsonNode p = run.get("parameters");
        assertThat(p.get("doc")).isEqualTo(ApiClient.json("{\"x\": [1, 2]}"));
        assertThat(p.get("greeting").asText()).isEqualTo("hello");
        assertThat(p.get("limits")).isEqualTo(ApiClient.json("{\"max\": 3}"));
        assertThat(p.get("sum").asText()).isEqualTo("3 A");
        assertThat(p.get("plain")).isEqualTo(ApiClient.json("[1]"));
        assertThat(p.has("dropped")).isFalse();
        assertThat(p.get("nested").get("inner").asBoolean()).isTrue();
        assertThat(p.get("extra").asInt()).isEqualTo(7);
        // The deployment keeps its dehydrated parameters.
        assertThat(api.get("/deployments/" + id).body().get("parameters").get("doc").get("__prefect_kind").asText())
                .isEqualTo("json");
    }

    @Test
    void badHydrationIsA400InPrefectsWords() {
        String id = api.post("/deployments/", Map.of("name", "bad-" + suffix, "flow_id", flowId)).expect(201).body()
                .get("id").asText();
        String run = "/deployments/" + id + "/create_flow_run";
        assertThat(api.post(run, Map.of("parameters", Map.of("v", Map.of("__prefect_kind", "workspace_variable",
                "variable_name", "missing_" + suffix)))).expect(400).body().get("detail").asText())
                .isEqualTo("Error hydrating flow run parameters: Variable 'missing_" + suffix + "' not found in workspace.");
        assertThat(api.post(run, Map.of("parameters", Map.of("v", Map.of("__prefect_kind", "json", "value", "{nope"))))
                .expect(400).body().get("detail").asText()).startsWith("Error hydrating flow run parameters: Invalid JSON");
        assertThat(api.post(run, Map.of("parameters", Map.of("v", Map.of("__prefect_kind", "json", "value", 5))))
                .expect(400).body().get("detail").asText()).isEqualTo(
                        "Error hydrating flow run parameters: Invalid JSON: the JSON object must be str, bytes or "
                                + "bytearray, not int");
        assertThat(api.post(run, Map.of("parameters", Map.of("v", Map.of("__prefect_kind", "jinja",
                "template", "{% if %}")))).expect(400).body().get("detail").asText())
                .startsWith("Error hydrating flow run parameters: Invalid jinja");
        assertThat(api.post(run, Map.of("parameters", Map.of("v", Map.of("__prefect_kind", "jinja")))).expect(400)
                .body().get("detail").asText())
                .isEqualTo("Error hydrating flow run parameters: Missing 'template' key in __prefect object");
        assertThat(api.post(run, Map.of("parameters", Map.of("v", Map.of("__prefect_kind", "none")))).expect(400)
                .body().get("detail").asText())
                .isEqualTo("Error hydrating flow run parameters: Missing 'value' key in __prefect object");
    }

    @Test
    void deploymentUpdatesStoreHydratedParameters() {
        api.post("/variables/", Map.of("name", "region_" + suffix, "value", "eu")).expect(201);
        String id = api.post("/deployments/", Map.of("name", "u-" + suffix, "flow_id", flowId)).expect(201).body()
                .get("id").asText();
        api.patch("/deployments/" + id, Map.of("parameters", Map.of("region", Map.of("__prefect_kind",
                "workspace_variable", "variable_name", "region_" + suffix)))).expect(204);
        assertThat(api.get("/deployments/" + id).body().get("parameters").get("region").asText()).isEqualTo("eu");
        assertThat(api.patch("/deployments/" + id, Map.of("parameters", Map.of("region", Map.of("__prefect_kind",
                "workspace_variable", "variable_name", "nowhere_" + suffix)))).expect(400).body().get("detail").asText())
                .isEqualTo("Error hydrating deployment parameters: Variable 'nowhere_" + suffix + "' not found in workspace.");
    }
}
