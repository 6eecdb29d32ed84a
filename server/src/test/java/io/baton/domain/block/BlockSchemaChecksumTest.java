package io.baton.domain.block;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.testing.SharedFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockSchemaChecksumTest {

    /**
     * Schemas the recorded server registered as nested children of another block: their checksum was taken
     * over the parent's definitions, which the stored fields no longer carry, so it cannot be recomputed from
     * them. Every schema a client registers directly must recompute exactly.
     */
    private static final Set<String> NESTED_REGISTRATIONS = Set.of(
            "dbt-cli-target-configs non-versioned", "snowflake-credentials non-versioned",
            "snowflake-connector non-versioned", "dbt-cli-snowflake-target-configs non-versioned",
            "dbt-cli-profile 0.4.1", "database-credentials non-versioned", "dbt-cli-postgres-target-configs 0.4.1",
            "s3-bucket 0.4.14");

    @Test
    void recomputesTheRecordedChecksumOfEverySeedSchema() throws IOException {
        JsonNode schemas = new ObjectMapper().readTree(
                SharedFiles.recording("block_schemas.json").toFile());
        List<String> mismatched = new ArrayList<>();
        int matched = 0;
        for (JsonNode schema : schemas) {
            String name = schema.path("block_type").path("slug").asText() + " " + schema.path("version").asText();
            if (BlockSchemaChecksum.of(schema.get("fields")).equals(schema.get("checksum").asText())) {
                matched++;
            } else {
                mismatched.add(name);
            }
        }
        assertThat(schemas).hasSize(67);
        assertThat(matched).isEqualTo(59);
        assertThat(mismatched).containsExactlyInAnyOrderElementsOf(NESTED_REGISTRATIONS);
    }

    @Test
    void secretFieldsDoNotChangeTheChecksum() throws IOException {
        ObjectMapper m = new ObjectMapper();
        JsonNode a = m.readTree("{\"title\": \"X\", \"secret_fields\": [\"a\"], \"properties\": {\"a\": {\"type\": \"string\"}}}");
        JsonNode b = m.readTree("{\"properties\": {\"a\": {\"type\": \"string\"}}, \"title\": \"X\"}");
        assertThat(BlockSchemaChecksum.of(a)).isEqualTo(BlockSchemaChecksum.of(b)).startsWith("sha256:");
    }

    @Test
    void emptyFieldsHashAsPythonDoes() {
        // hashlib.sha256(json.dumps([[{}], {}], sort_keys=True).encode()).hexdigest()
        assertThat(BlockSchemaChecksum.of(new ObjectMapper().createObjectNode()))
                .isEqualTo("sha256:" + sha256("[[{}], {}]"));
    }

    @Test
    void pythonJsonFormatting() throws IOException {
        ObjectMapper m = new ObjectMapper();
        m.enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode node = m.readTree("{\"b\": [1, 2.5, 1e-05, 1E+16, 100.0, true, null], \"a\": \"é\\u2603\\n\\\"\\u0001\"}");
        assertThat(PythonJson.dumps(node)).isEqualTo(
                "{\"a\": \"\\u00e9\\u2603\\n\\\"\\u0001\", \"b\": [1, 2.5, 1e-05, 1e+16, 100.0, true, null]}");
        assertThat(PythonJson.floatRepr(0.1)).isEqualTo("0.1");
        assertThat(PythonJson.floatRepr(1234567890123456.0)).isEqualTo("1234567890123456.0");
        assertThat(PythonJson.floatRepr(12345678901234567.0)).isEqualTo("1.2345678901234568e+16");
        assertThat(PythonJson.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonJson.floatRepr(-2.5e-7)).isEqualTo("-2.5e-07");
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
