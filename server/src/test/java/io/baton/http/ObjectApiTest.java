package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

/** Variables, artifacts, saved searches, collections and automations. */
@ParameterizedClass
@EnumSource(DbKind.class)
class ObjectApiTest {

    @Parameter
    DbKind db;

    ApiClient api;
    String suffix;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void variables() {
        String name = "v_" + suffix;
        JsonNode v = api.post("/variables/", Map.of("name", name, "value", Map.of("a", 1), "tags", List.of("t" + suffix)))
                .expect(201).body();
        assertThat(api.post("/variables/", Map.of("name", name, "value", 1)).expect(409).body().get("detail").asText())
                .isEqualTo("A variable with the name '" + name + "' already exists.");
        api.post("/variables/", Map.of("name", "big_" + suffix, "value", "x".repeat(5000))).expect(422);
        String id = v.get("id").asText();
        assertThat(api.get("/variables/" + id).expect(200).body().get("value").get("a").asInt()).isEqualTo(1);
        api.patch("/variables/" + id, Map.of("value", "two")).expect(204);
        assertThat(api.get("/variables/name/" + name).expect(200).body().get("value").asText()).isEqualTo("two");
        api.patch("/variables/name/" + name, Map.of("tags", List.of("t" + suffix, "u"))).expect(204);
        java.util.Map<String, Object> nullValue = new java.util.HashMap<>();
        nullValue.put("name", "w_" + suffix);
        nullValue.put("value", null);
        api.post("/variables/", nullValue).expect(201);
        api.patch("/variables/name/w_" + suffix, Map.of("name", name)).expect(409);
        Map<String, Object> byTag = Map.of("variables", Map.of("tags", Map.of("all_", List.of("t" + suffix))));
        assertThat(api.post("/variables/filter", byTag).expect(200).body().size()).isEqualTo(1);
        assertThat(api.post("/variables/count", Map.of("variables", Map.of("name", Map.of("like_", suffix)))).body().asLong())
                .isEqualTo(2);
        assertThat(api.post("/variables/filter", Map.of("variables", Map.of("name", Map.of("like_", suffix)), "sort", "NAME_DESC"))
                .body().get(0).get("name").asText()).isEqualTo("w_" + suffix);
        api.delete("/variables/name/w_" + suffix).expect(204);
        api.delete("/variables/" + id).expect(204);
        assertThat(api.get("/variables/" + id).expect(404).body().get("detail").asText()).isEqualTo("Variable not found.");
        api.delete("/variables/name/" + name).expect(404);
        api.patch("/variables/" + id, Map.of("value", 1)).expect(404);
    }

    @Test
    void artifactsKeepTheLatestPerKey() {
        String key = "k-" + suffix;
        String flowRunId = UUID.randomUUID().toString();
        JsonNode first = api.post("/artifacts/", Map.of("key", key, "type", "markdown", "data", "# one",
                "flow_run_id", flowRunId)).expect(201).body();
        JsonNode second = api.post("/artifacts/", Map.of("key", key, "type", "markdown", "data", "# two",
                "metadata_", Map.of("m", "x"))).expect(201).body();
        api.post("/artifacts/", Map.of("type", "result", "data", Map.of("v", 1), "flow_run_id", flowRunId)).expect(201);
        assertThat(api.get("/artifacts/" + key + "/latest").expect(200).body().get("id")).isEqualTo(second.get("id"));
        Map<String, Object> byKey = Map.of("artifacts", Map.of("key", Map.of("any_", List.of(key))));
        assertThat(api.post("/artifacts/count", byKey).expect(200).body().asLong()).isEqualTo(2);
        assertThat(api.post("/artifacts/filter", byKey).expect(200).body().get(0).get("id")).isEqualTo(second.get("id"));
        JsonNode latest = api.post("/artifacts/latest/filter", byKey).expect(200).body();
        assertThat(latest.size()).isEqualTo(1);
        assertThat(latest.get(0).get("latest_id")).isEqualTo(second.get("id"));
        assertThat(api.post("/artifacts/latest/count", byKey).expect(200).body().asLong()).isEqualTo(1);
        assertThat(api.post("/artifacts/filter", Map.of("artifacts", Map.of("flow_run_id", Map.of("any_", List.of(flowRunId)))))
                .body().size()).isEqualTo(2);

        JsonNode read = api.get("/artifacts/" + second.get("id").asText()).expect(200).body();
        assertThat(read.get("key").asText()).isEqualTo(key);
        assertThat(read.get("metadata_").get("m").asText()).isEqualTo("x");
        api.patch("/artifacts/" + second.get("id").asText(), Map.of("description", "updated")).expect(204);
        assertThat(api.post("/artifacts/latest/filter", byKey).body().get(0).get("description").asText()).isEqualTo("updated");
        api.delete("/artifacts/" + second.get("id").asText()).expect(204);
        assertThat(api.get("/artifacts/" + key + "/latest").expect(200).body().get("id")).isEqualTo(first.get("id"));
        api.delete("/artifacts/" + first.get("id").asText()).expect(204);
        api.get("/artifacts/" + key + "/latest").expect(404);
        assertThat(api.post("/artifacts/latest/count", byKey).body().asLong()).isZero();
        api.get("/artifacts/" + first.get("id").asText()).expect(404);
        api.patch("/artifacts/" + first.get("id").asText(), Map.of("description", "x")).expect(404);
    }

    @Test
    void savedSearches() {
        String name = "s-" + suffix;
        List<Map<String, Object>> filters = List.of(Map.of("object", "flow", "property", "name", "type", "string",
                "operation", "contains", "value", "x"));
        JsonNode created = api.put("/saved_searches/", Map.of("name", name, "filters", filters)).expect(201).body();
        JsonNode updated = api.put("/saved_searches/", Map.of("name", name)).expect(200).body();
        assertThat(updated.get("id")).isEqualTo(created.get("id"));
        api.get("/saved_searches/" + created.get("id").asText()).expect(200);
        assertThat(api.post("/saved_searches/filter", Map.of()).expect(200).body().size()).isGreaterThanOrEqualTo(1);
        api.delete("/saved_searches/" + created.get("id").asText()).expect(204);
        api.get("/saved_searches/" + created.get("id").asText()).expect(404);
    }

    @Test
    void collectionViews() {
        assertThat(api.get("/collections/views/aggregate-worker-metadata").expect(200).body().has("prefect")).isTrue();
        api.get("/collections/views/aggregate-block-metadata").expect(200);
        api.get("/collections/views/no-such-view").expect(404);
    }

    @Test
    void automations() {
        String deployment = "prefect.deployment." + UUID.randomUUID();
        Map<String, Object> trigger = Map.of("type", "event", "posture", "Reactive", "expect", List.of("x.y"));
        Map<String, Object> body = Map.of("name", "a-" + suffix, "trigger", trigger, "tags", List.of(suffix),
                "actions", List.of(Map.of("type", "do-nothing")), "owner_resource", deployment);
        JsonNode created = api.post("/automations/", body).expect(201).body();
        String id = created.get("id").asText();
        assertThat(created.get("trigger").get("id").asText()).isNotEmpty();
        assertThat(created.get("enabled").asBoolean()).isTrue();
        api.get("/automations/" + id).expect(200);
        assertThat(api.get("/automations/related-to/" + deployment).expect(200).body().size()).isEqualTo(1);
        api.patch("/automations/" + id, Map.of("enabled", false)).expect(204);
        assertThat(api.get("/automations/" + id).body().get("enabled").asBoolean()).isFalse();
        api.put("/automations/" + id, Map.of("name", "b-" + suffix, "trigger", trigger, "actions", List.of(),
                "tags", List.of(suffix))).expect(204);
        assertThat(api.get("/automations/" + id).body().get("name").asText()).isEqualTo("b-" + suffix);
        assertThat(api.get("/automations/related-to/" + deployment).expect(200).body().size()).isEqualTo(1);
        Map<String, Object> byTag = Map.of("automations", Map.of("tags", Map.of("all_", List.of(suffix))));
        assertThat(api.post("/automations/filter", byTag).expect(200).body().size()).isEqualTo(1);
        assertThat(api.post("/automations/count", null).expect(200).body().asLong()).isGreaterThanOrEqualTo(1);
        api.delete("/automations/owned-by/" + deployment).expect(202);
        api.get("/automations/" + id).expect(404);
        api.delete("/automations/" + id).expect(404);

        JsonNode other = api.post("/automations/", Map.of("name", "c-" + suffix, "trigger", trigger, "actions", List.of()))
                .expect(201).body();
        api.delete("/automations/" + other.get("id").asText()).expect(204);

        api.post("/templates/validate", "\"Hello {{ flow_run.name }}\"").expect(204);
        JsonNode error = api.post("/templates/validate", "\"Hello {{ flow_run.name \"").expect(422).body();
        assertThat(error.get("error").get("line").asInt()).isEqualTo(1);
        api.post("/automations/templates/validate", "\"{% if x %}y\"").expect(422);
        api.post("/automations/templates/validate", "\"{% if x %}y{% endif %}\"").expect(204);
    }
}
