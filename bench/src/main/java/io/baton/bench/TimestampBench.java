package io.baton.bench;

import io.baton.json.Json;
import io.baton.json.UtcMicros;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The wire timestamp ({@code 2026-11-21T06:04:21.169182Z}) written and read by {@link UtcMicros}, against the
 * JDK formatters it replaces: {@code Json.WIRE_TIMESTAMP} (same output) and
 * {@code ISO_OFFSET_DATE_TIME} in UTC (same output when the microseconds do not end in 000).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class TimestampBench {

    private static final DateTimeFormatter ISO_OFFSET_UTC = DateTimeFormatter.ISO_OFFSET_DATE_TIME
            .withZone(ZoneOffset.UTC);

    private final Instant instant = Instant.parse("2026-11-21T06:04:21.169182Z");
    private final String text = "2026-11-21T06:04:21.169182Z";

    @Benchmark
    public String formatUtcMicros() {
        return UtcMicros.format(instant, Json.WIRE_TIMESTAMP);
    }

    @Benchmark
    public String formatWireFormatter() {
        return Json.WIRE_TIMESTAMP.format(instant);
    }

    @Benchmark
    public String formatIsoOffset() {
        return ISO_OFFSET_UTC.format(instant);
    }

    @Benchmark
    public Instant parseUtcMicros() {
        return UtcMicros.parse(text);
    }

    @Benchmark
    public Instant parseIsoOffset() {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
    }

    @Benchmark
    public Instant parseInstant() {
        return Instant.parse(text);
    }
}
