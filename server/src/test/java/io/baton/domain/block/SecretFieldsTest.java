package io.baton.domain.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretFieldsTest {

    private static final ObjectMapper M = new ObjectMapper();

    private static JsonNode json(String s) {
        try {
            return M.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void obfuscatesTopLevelAndDottedPaths() {
        JsonNode data = json("{\"value\": \"s3cr3t\", \"user\": \"bob\", \"auth\": {\"token\": \"t\", \"kind\": \"k\"}}");
        JsonNode shown = SecretFields.obfuscate(data, List.of("value", "auth.token"));
        assertThat(shown.toString()).isEqualTo(
                "{\"value\":\"********\",\"user\":\"bob\",\"auth\":{\"token\":\"********\",\"kind\":\"k\"}}");
        assertThat(data.get("value").asText()).isEqualTo("s3cr3t");
    }

    @Test
    void wildcardCoversEverythingBelowItsPrefix() {
        JsonNode data = json("{\"creds\": {\"a\": \"1\", \"nested\": {\"b\": 2}}, \"other\": \"x\"}");
        JsonNode shown = SecretFields.obfuscate(data, List.of("creds.*"));
        assertThat(shown.toString()).isEqualTo(
                "{\"creds\":{\"a\":\"********\",\"nested\":{\"b\":\"********\"}},\"other\":\"x\"}");
    }

    @Test
    void missingAndNullSecretsAreLeftAlone() {
        JsonNode data = json("{\"value\": null}");
        assertThat(SecretFields.obfuscate(data, List.of("value", "missing.path", "x.*")).toString())
                .isEqualTo("{\"value\":null}");
    }

    @Test
    void secretHoldingAnObjectIsHiddenWhole() {
        JsonNode data = json("{\"value\": {\"username\": \"u\", \"password\": \"p\"}}");
        assertThat(SecretFields.obfuscate(data, List.of("value")).toString()).isEqualTo("{\"value\":\"********\"}");
    }

    @Test
    void echoedPlaceholdersKeepTheStoredSecret() {
        JsonNode stored = json("{\"value\": \"s3cr3t\", \"auth\": {\"token\": \"t\"}}");
        JsonNode incoming = json("{\"value\": \"********\", \"auth\": {\"token\": \"new\"}}");
        assertThat(SecretFields.restoreObfuscated(incoming, stored).toString())
                .isEqualTo("{\"value\":\"s3cr3t\",\"auth\":{\"token\":\"new\"}}");
    }

    @Test
    void cipherRoundTripsAndRejectsAForeignKey() {
        BlockDataCipher cipher = BlockDataCipher.fromKeyText(BlockDataCipher.newKeyText());
        String sealed = cipher.encrypt("{\"value\": \"s3cr3t\"}");
        assertThat(sealed).startsWith("v1:").doesNotContain("s3cr3t");
        assertThat(cipher.decrypt(sealed)).isEqualTo("{\"value\": \"s3cr3t\"}");
        assertThat(cipher.encrypt("x")).isNotEqualTo(cipher.encrypt("x"));
        BlockDataCipher other = BlockDataCipher.fromKeyText("some passphrase");
        assertThatThrownBy(() -> other.decrypt(sealed)).isInstanceOf(IllegalStateException.class);
    }
}
