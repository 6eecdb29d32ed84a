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

@ParameterizedClass
@EnumSource(DbKind.class)
class BlockApiTest {

    @Parameter
    DbKind db;

    ApiClient api;
    String suffix;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonNode createType(String slug) {
        return api.post("/block_types/", Map.of("name", "Type " + slug, "slug", slug, "description", "d")).expect(201).body();
    }

    private JsonNode createSchema(JsonNode type, Map<String, Object> fields) {
        return api.post("/block_schemas/", Map.of("block_type_id", type.get("id").asText(), "fields", fields,
                "capabilities", List.of("cap-" + suffix), "version", "1.0")).body();
    }

    @Test
    void systemBlockTypesAreSeeded() {
        JsonNode secret = api.get("/block_types/slug/secret").expect(200).body();
        assertThat(secret.get("is_protected").asBoolean()).isTrue();
        assertThat(api.post("/block_types/filter", Map.of()).expect(200).body().size()).isGreaterThanOrEqualTo(55);
        assertThat(api.post("/block_types/filter", Map.of("block_types", Map.of("slug", Map.of("any_", List.of("secret")))))
                .body().size()).isEqualTo(1);
        assertThat(api.post("/block_types/filter", Map.of("block_types", Map.of("name", Map.of("like_", "credent")))).body().size())
                .isGreaterThan(3);
        api.post("/block_types/install_system_block_types", null).expect(200);
        assertThat(api.get("/block_capabilities/").expect(200).body().toString()).contains("read-path", "write-path");
        api.get("/block_schemas/checksum/sha256:c078ed9c1e813e224c0b353d7ad4564a11d51d3198d9ac0686478165a1911c78?version=3.8.3")
                .expect(200);
        api.delete("/block_types/" + secret.get("id").asText()).expect(403);
    }

    @Test
    void protectedBlockTypesAcceptUpdatesAsOnPrefect3() {
        JsonNode secret = api.get("/block_types/slug/secret").expect(200).body();
        String id = secret.get("id").asText();
        String description = secret.get("description").asText();
        try {
            // What a 3.0 client sends from Secret.save() when its description differs from the server's.
            api.patch("/block_types/" + id, Map.of("description", "An older description " + suffix)).expect(204);
            JsonNode updated = api.get("/block_types/" + id).expect(200).body();
            assertThat(updated.get("description").asText()).isEqualTo("An older description " + suffix);
            assertThat(updated.get("is_protected").asBoolean()).isTrue();
            assertThat(updated.get("name").asText()).isEqualTo(secret.get("name").asText());
            api.patch("/block_types/" + id, Map.of()).expect(204);
            api.patch("/block_types/" + UUID.randomUUID(), Map.of("description", "x")).expect(404);
        } finally {
            api.patch("/block_types/" + id, Map.of("description", description)).expect(204);
        }
        assertThat(api.get("/block_types/" + id).body().get("description").asText()).isEqualTo(description);
    }

    @Test
    void blockTypeLifecycle() {
        JsonNode type = createType("t-" + suffix);
        String id = type.get("id").asText();
        api.post("/block_types/", Map.of("name", "Other", "slug", "t-" + suffix)).expect(409);
        assertThat(api.post("/block_types/", Map.of("name", "prefect thing", "slug", "p-" + suffix)).expect(403)
                .body().get("detail").asText()).isEqualTo("Block type names beginning with 'Prefect' are reserved.");
        api.patch("/block_types/" + id, Map.of("logo_url", "https://x/logo.png")).expect(204);
        assertThat(api.get("/block_types/" + id).expect(200).body().get("logo_url").asText()).isEqualTo("https://x/logo.png");
        api.delete("/block_types/" + id).expect(204);
        api.get("/block_types/" + id).expect(404);
        api.get("/block_types/slug/t-" + suffix).expect(404);
    }

    @Test
    void blockSchemaLifecycle() {
        JsonNode type = createType("s-" + suffix);
        Map<String, Object> fields = Map.of("title", "S", "type", "object",
                "properties", Map.of("password", Map.of("type", "string")), "secret_fields", List.of("password"));
        var first = api.post("/block_schemas/", Map.of("block_type_id", type.get("id").asText(), "fields", fields,
                "version", "1.0")).expect(201).body();
        var again = api.post("/block_schemas/", Map.of("block_type_id", type.get("id").asText(), "fields", fields,
                "version", "1.0")).expect(200).body();
        assertThat(again.get("id")).isEqualTo(first.get("id"));
        assertThat(first.get("checksum").asText()).startsWith("sha256:");
        api.get("/block_schemas/" + first.get("id").asText()).expect(200);
        api.get("/block_schemas/checksum/" + first.get("checksum").asText()).expect(200);
        api.get("/block_schemas/checksum/" + first.get("checksum").asText() + "?version=2.0").expect(404);
        api.post("/block_schemas/", Map.of("block_type_id", UUID.randomUUID().toString(), "fields", fields)).expect(404);
        api.post("/block_schemas/", Map.of("block_type_id", type.get("id").asText(), "fields", Map.of(
                "block_schema_references", Map.of("x", Map.of("block_type_slug", "nope-" + suffix,
                        "block_schema_checksum", "sha256:0"))))).expect(409);
        assertThat(api.post("/block_schemas/filter", Map.of("block_schemas", Map.of(
                "block_type_id", Map.of("any_", List.of(type.get("id").asText())), "version", Map.of("any_", List.of("1.0")))))
                .expect(200).body().size()).isEqualTo(1);
        api.delete("/block_schemas/" + first.get("id").asText()).expect(204);
        api.get("/block_schemas/" + first.get("id").asText()).expect(404);
    }

    @Test
    void blockDocumentsObfuscateSecretsAndResolveReferences() {
        JsonNode type = createType("d-" + suffix);
        JsonNode schema = createSchema(type, Map.of("title", "D", "type", "object",
                "properties", Map.of("password", Map.of("type", "string")), "secret_fields", List.of("password", "inner.*")));
        Map<String, Object> create = Map.of("name", "doc-" + suffix, "block_schema_id", schema.get("id").asText(),
                "block_type_id", type.get("id").asText(), "data", Map.of("password", "hunter2", "user", "bob"));
        JsonNode doc = api.post("/block_documents/", create).expect(201).body();
        String id = doc.get("id").asText();
        // Compared as trees: the request map has no key order.
        assertThat(doc.get("data")).isEqualTo(ApiClient.json("{\"password\":\"********\",\"user\":\"bob\"}"));
        assertThat(doc.get("block_type_name").asText()).isEqualTo("Type d-" + suffix);
        assertThat(api.post("/block_documents/", create).expect(409).body().get("detail").asText()).isEqualTo("Block already exists");
        assertThat(api.get("/block_documents/" + id + "?include_secrets=true").expect(200).body().get("data").get("password").asText())
                .isEqualTo("hunter2");
        assertThat(api.get("/block_types/slug/d-" + suffix + "/block_documents/name/doc-" + suffix).expect(200)
                .body().get("data").get("password").asText()).isEqualTo("********");
        api.get("/block_types/slug/d-" + suffix + "/block_documents/name/nope").expect(404);

        // An echoed placeholder keeps the secret; merge keeps other keys.
        api.patch("/block_documents/" + id, Map.of("data", Map.of("password", "********", "extra", 1))).expect(204);
        JsonNode merged = api.get("/block_documents/" + id + "?include_secrets=true").body().get("data");
        assertThat(merged).isEqualTo(ApiClient.json("{\"password\":\"hunter2\",\"user\":\"bob\",\"extra\":1}"));
        api.patch("/block_documents/" + id, Map.of("data", Map.of("password", "new"), "merge_existing_data", false)).expect(204);
        assertThat(api.get("/block_documents/" + id + "?include_secrets=true").body().get("data").toString())
                .isEqualTo("{\"password\":\"new\"}");

        // Anonymous documents get a generated name and are hidden from default lists.
        JsonNode anon = api.post("/block_documents/", Map.of("block_schema_id", schema.get("id").asText(),
                "block_type_id", type.get("id").asText(), "is_anonymous", true, "data", Map.of("password", "p"))).expect(201).body();
        assertThat(anon.get("name").asText()).startsWith("anonymous-");
        api.post("/block_documents/", Map.of("block_schema_id", schema.get("id").asText(),
                "block_type_id", type.get("id").asText(), "data", Map.of())).expect(422);

        // A parent referencing another document sees its data nested in place, secrets hidden.
        JsonNode parent = api.post("/block_documents/", Map.of("name", "parent-" + suffix,
                "block_schema_id", schema.get("id").asText(), "block_type_id", type.get("id").asText(),
                "data", Map.of("inner", Map.of("$ref", Map.of("block_document_id", id))))).expect(201).body();
        assertThat(parent.get("data").get("inner").toString()).isEqualTo("{\"password\":\"********\"}");
        assertThat(parent.get("block_document_references").get("inner").get("block_document").get("id").asText()).isEqualTo(id);

        Map<String, Object> byType = Map.of("block_types", Map.of("slug", Map.of("any_", List.of("d-" + suffix))));
        assertThat(api.post("/block_documents/filter", byType).expect(200).body().size()).isEqualTo(2);
        assertThat(api.post("/block_documents/count", byType).expect(200).body().asLong()).isEqualTo(2);
        assertThat(api.post("/block_documents/filter", Map.of("block_types", byType.get("block_types"),
                "block_documents", Map.of("is_anonymous", Map.of("eq_", true)))).body().size()).isEqualTo(1);
        assertThat(api.post("/block_documents/filter", Map.of("block_types", byType.get("block_types"), "sort", "NAME_DESC"))
                .body().get(0).get("name").asText()).isEqualTo("parent-" + suffix);
        assertThat(api.get("/block_types/slug/d-" + suffix + "/block_documents").expect(200).body().size()).isEqualTo(2);

        api.delete("/block_documents/" + parent.get("id").asText()).expect(204);
        api.delete("/block_documents/" + parent.get("id").asText()).expect(404);
        api.patch("/block_documents/" + UUID.randomUUID(), Map.of("data", Map.of())).expect(404);
    }
}
