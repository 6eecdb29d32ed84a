package io.baton.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.domain.InputLimits.Unstorable;
import io.baton.http.validation.JsonBodyParser;
import io.baton.http.validation.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputLimitsTest {

    @Test
    void nulAndLoneSurrogatesAreUnstorablePairsAreFine() {
        assertThat(InputLimits.unstorable("plain text \u00e9")).isNull();
        assertThat(InputLimits.unstorable("emoji \ud83d\ude00 ok")).isNull();
        assertThat(InputLimits.unstorable("a\u0000b")).isEqualTo(Unstorable.NUL);
        assertThat(InputLimits.unstorable("high \ud83d")).isEqualTo(Unstorable.LONE_SURROGATE);
        assertThat(InputLimits.unstorable("\ude00 low first")).isEqualTo(Unstorable.LONE_SURROGATE);
        assertThat(InputLimits.unstorable("\ud83d\ud83d")).isEqualTo(Unstorable.LONE_SURROGATE);
    }

    @Test
    void utf8IsDecodedStrictlyButAGenuineReplacementCharacterIsKept() throws MalformedJsonException {
        assertThat(JsonBodyParser.decodeUtf8("a \uFFFD b".getBytes(StandardCharsets.UTF_8))).isEqualTo("a \uFFFD b");
        assertThatThrownBy(() -> JsonBodyParser.decodeUtf8(new byte[] {'"', 'a', (byte) 0xff, '"'}))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("position 2");
        // an encoded surrogate (CESU-8) is not UTF-8
        assertThatThrownBy(() -> JsonBodyParser.decodeUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}))
                .isInstanceOf(MalformedJsonException.class);
    }
}
