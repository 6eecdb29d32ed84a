package io.baton.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UtcMicrosTest {

    private static final long MIN = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();

    @Test
    void formatsAsTheJdkFormatterAndParsesBack() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(MIN, MAX), random.nextInt(1_000_000_000));
            String text = UtcMicros.format(t, Json.WIRE_TIMESTAMP);
            assertThat(text).isEqualTo(Json.WIRE_TIMESTAMP.format(t));
            if (t.getEpochSecond() >= Instant.parse("0000-01-01T00:00:00Z").getEpochSecond()
                    && t.getEpochSecond() < Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond()) {
                assertThat(UtcMicros.parse(text)).isEqualTo(t.minusNanos(t.getNano() % 1000));
            }
        }
    }

    @Test
    void edgesOfDaysMonthsAndLeapYears() {
        for (String s : new String[] {"1970-01-01T00:00:00.000000Z", "1969-12-31T23:59:59.999999Z",
                "2000-02-29T12:00:00.000001Z", "1900-02-28T23:59:59.500000Z", "2024-12-31T23:59:59.999999Z",
                "0000-01-01T00:00:00.000000Z", "9999-12-31T23:59:59.999999Z", "1600-03-01T00:00:00.000000Z"}) {
            Instant jdk = Instant.parse(s);
            assertThat(UtcMicros.parse(s)).isEqualTo(jdk);
            assertThat(UtcMicros.format(jdk, Json.WIRE_TIMESTAMP)).isEqualTo(s);
        }
    }

    @Test
    void otherLayoutsGoThroughTheJdk() {
        assertThat(UtcMicros.parse("2024-05-01 10:00:00.123456Z")).isEqualTo(Instant.parse("2024-05-01T10:00:00.123456Z"));
        assertThat(UtcMicros.parse("2024-05-01T10:00:00Z")).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(UtcMicros.parse("2024-05-01T10:00:00.1Z")).isEqualTo(Instant.parse("2024-05-01T10:00:00.1Z"));
        assertThatThrownBy(() -> UtcMicros.parse("2023-02-29T10:00:00.000000Z")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> UtcMicros.parse("2023-02-2xT10:00:00.000000Z")).isInstanceOf(DateTimeException.class);
    }
}
