package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.ApiClient;
import io.baton.testing.Contract;
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

@ParameterizedClass
@EnumSource(DbKind.class)
class RootAndAdminApiTest {

    @Parameter
    DbKind db;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
    }

    @Test
    void probesAndVersions() {
        assertThat(api.get("/health").expect(200).body().asBoolean()).isTrue();
        assertThat(api.get("/ready").expect(200).body().get("message").asText()).isEqualTo("OK");
        assertThat(api.get("/version").expect(200).body().asText()).isEqualTo("0.8.4");
        assertThat(api.get("/hello").expect(200).body().isTextual()).isTrue();
        // The release the recorded 3.8.3 clients were compared with (prefect-traffic: GET /api/admin/version).
        assertThat(api.get("/admin/version").expect(200).body().asText()).isEqualTo("3.8.3");
    }

    @Test
    void settingsFollowTheSettingsModel() {
        var settings = api.get("/admin/settings").expect(200).body();
        assertThat(settings.path("server").path("api").path("default_limit").asInt()).isEqualTo(200);
        assertThat(settings.path("server").path("database").path("connection_url").asText()).isEqualTo("********");
    }

    @Test
    void defaultResultStorage() {
        assertThat(api.get("/admin/storage").expect(200).body().get("default_result_storage_block_id").isNull()).isTrue();
        api.delete("/admin/storage").expect(204);
        var missing = api.put("/admin/storage", Map.of("default_result_storage_block_id",
                "6c0bd7dc-0b7c-4c4e-9ad6-6a2f8f9d6b1a")).expect(404);
        assertThat(missing.body().get("detail").asText()).isEqualTo("Block document not found");

        // A document whose schema can write paths becomes the default; a plain one is refused.
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String type = api.post("/block_types/", Map.of("name", "Storage " + suffix, "slug", "storage-" + suffix))
                .expect(201).body().get("id").asText();
        String storage = blockDocument(type, List.of("read-path", "write-path"), "store-" + suffix);
        String plain = blockDocument(type, List.of(), "plain-" + suffix);
        try {
            assertThat(api.put("/admin/storage", Map.of("default_result_storage_block_id", plain)).expect(422)
                    .body().get("detail").asText()).isEqualTo("Block document is not a supported result storage block.");
            var set = api.put("/admin/storage", Map.of("default_result_storage_block_id", storage)).expect(200).body();
            assertThat(set.get("default_result_storage_block_id").asText()).isEqualTo(storage);
            assertThat(api.get("/admin/storage").expect(200).body().get("default_result_storage_block_id").asText())
                    .isEqualTo(storage);
        } finally {
            api.delete("/admin/storage").expect(204);
        }
        assertThat(api.get("/admin/storage").expect(200).body().get("default_result_storage_block_id").isNull()).isTrue();
    }

    private String blockDocument(String typeId, List<String> capabilities, String name) {
        String schema = api.post("/block_schemas/", Map.of("block_type_id", typeId, "capabilities", capabilities,
                "fields", Map.of("title", name, "type", "object", "properties", Map.of()), "version", name))
                .expect(201).body().get("id").asText();
        return api.post("/block_documents/", Map.of("name", name, "block_schema_id", schema, "block_type_id", typeId,
                "data", Map.of())).expect(201).body().get("id").asText();    }

    @Test
    void csrfTokenWhenProtectionIsOff() {
        var response = api.get("/csrf-token?client=abc").expect(422);
        assertThat(response.body().get("detail").asText()).isEqualTo("CSRF protection is disabled.");
    }

    @Test
    void unknownRoutesAndMethods() {
        assertThat(api.get("/no/such/route").expect(404).body().get("detail").asText()).isEqualTo("Not Found");
        assertThat(api.delete("/health").expect(405).body().get("detail").asText()).isEqualTo("Method Not Allowed");
    }

    @Test
    void malformedJsonIsA422InPrefectShape() {
        var response = api.post("/flows/", "{\"name\": ").expect(422);
        assertThat(response.body().get("exception_message").asText()).isEqualTo("Invalid request received.");
        assertThat(response.body().get("exception_detail").get(0).get("type").asText()).isEqualTo("json_invalid");
        assertThat(response.body().has("request_body")).isTrue();
    }

    @Test
    void apiVersionHeaderIsChecked() {
        var bad = api.send("POST", "/admin/version", "{}", Map.of("X-PREFECT-API-VERSION", "banana"));
        assertThat(bad.status()).isEqualTo(405); // a wrong method is refused before the header is read
        var old = api.send("POST", "/flows/filter", "{}", Map.of("X-PREFECT-API-VERSION", "0.7.9"));
        assertThat(old.status()).isEqualTo(400);
        var malformed = api.send("POST", "/flows/filter", "{}", Map.of("X-PREFECT-API-VERSION", "banana"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("detail").asText()).contains("X-PREFECT-API-VERSION");
        api.send("POST", "/flows/filter", "{}", Map.of("X-PREFECT-API-VERSION", "0.8.4")).expect(200);
    }

    @Test
    void largeBodiesAreGzippedSmallOnesNot() {
        var big = api.get("/admin/settings");
        assertThat(big.headers().firstValue("Content-Encoding")).hasValue("gzip");
        var small = api.get("/health");
        assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void corsPreflightIsAnswered() {
        var response = api.send("OPTIONS", "/flows/filter", null, Map.of("Origin", "http://ui.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type");
    }

    @Test
    void contractKnowsTheRoutes() {
        assertThat(Contract.get().find("POST", "/flows/count")).isPresent();
        assertThat(Contract.get().find("GET", "/flows/3c5d7e5e-1111-4b6a-9a5b-1a2b3c4d5e6f").get().template())
                .isEqualTo("/flows/{id}");
    }
}
