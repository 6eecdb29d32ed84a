package io.baton.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Time as the API sees it: microsecond precision, UTC, lenient parsing of the forms clients send. */
public final class Times {

    /** The system clock, ticking in microseconds like every timestamp the API stores. */
    public static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    private Times() {}

    /** Now, truncated to microseconds like every timestamp the API stores. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Parses RFC 3339 / ISO 8601 with {@code T} or a space, with {@code Z}, an offset or none (UTC),
     * as well as a bare date (midnight UTC).
     */
    public static Instant parse(String text) {
        String s = text.trim();
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        try {
            return OffsetDateTime.parse(s).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            } catch (DateTimeParseException e2) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
        }
    }
}
