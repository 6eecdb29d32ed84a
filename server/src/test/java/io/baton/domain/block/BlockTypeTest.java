package io.baton.domain.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BlockTypeTest {

    private final BlockType secret = new BlockType(UUID.randomUUID(), Instant.EPOCH, Instant.EPOCH, "Secret", "secret",
            "https://logo", null, "A block that represents a secret value & more.", "s = Secret.load(\"x\")", true);

    @Test
    void onlyARealDifferenceIsAChange() {
        assertThat(secret.changedBy(Map.of())).isFalse();
        assertThat(secret.changedBy(Map.of("logo_url", "https://logo"))).isFalse();
        assertThat(secret.changedBy(Map.of("logo_url", "https://other"))).isTrue();
        assertThat(secret.changedBy(Map.of("description", "Something else"))).isTrue();
        Map<String, String> nullDoc = new HashMap<>();
        nullDoc.put("documentation_url", null);
        assertThat(secret.changedBy(nullDoc)).isFalse();
        nullDoc.put("logo_url", null);
        assertThat(secret.changedBy(nullDoc)).isTrue();
    }

    @Test
    void descriptionAndCodeExampleCompareWithHtmlEntitiesDecoded() {
        assertThat(secret.changedBy(Map.of("description", "A block that represents a secret value &amp; more."))).isFalse();
        assertThat(secret.changedBy(Map.of("code_example", "s = Secret.load(&quot;x&#34;)"))).isFalse();
        assertThat(secret.changedBy(Map.of("code_example", "s = Secret.load(&#x27;x&#x27;)"))).isTrue();
        assertThat(BlockType.unescapeHtml("a &lt;b&gt; &apos;c&apos; &#128512; &unknown; &#99999999;"))
                .isEqualTo("a <b> 'c' \uD83D\uDE00 &unknown; &#99999999;");
    }
}
