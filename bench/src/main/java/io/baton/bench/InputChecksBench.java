package io.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.validation.JsonBodyParser;
import io.baton.http.validation.MalformedJsonException;
import io.baton.http.validation.StorableText;
import io.baton.http.validation.ValidationError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The checks every request body passes before validation: strict UTF-8 decoding of the bytes (instead of a
 * replacing decode) and the scan of every string and key for NUL and lone surrogates, on the lifecycle's
 * bodies and on a 100 kB parameters body.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class InputChecksBench {

    private static final List<Object> BODY = List.of("body");

    private byte[] setStateBytes;
    private JsonNode createFlowRun;
    private JsonNode setState;
    private JsonNode largeParameters;

    @Setup
    public void setUp() throws MalformedJsonException {
        LifecycleInputs in = new LifecycleInputs();
        setStateBytes = in.setRunningBody.getBytes(StandardCharsets.UTF_8);
        createFlowRun = JsonBodyParser.parse(in.createFlowRunBody);
        setState = JsonBodyParser.parse(in.setRunningBody);
        StringBuilder params = new StringBuilder("{\"parameters\": {");
        for (int i = 0; i < 1000; i++) {
            params.append(i == 0 ? "" : ", ").append("\"param_").append(i).append("\": [\"value ").append(i)
                    .append(" \u00e9\u00e8 with some text\", ").append(i).append(", {\"nested\": \"x\"}]");
        }
        largeParameters = JsonBodyParser.parse(params.append("}}").toString());
    }

    /** The set_state body's bytes decoded as strict UTF-8 (the replacing decode it replaces costs the same pass). */
    @Benchmark
    public String strictUtf8SetState() throws MalformedJsonException {
        return JsonBodyParser.decodeUtf8(setStateBytes);
    }

    /** The replacing decode used before, for comparison. */
    @Benchmark
    public String replacingUtf8SetState() {
        return new String(setStateBytes, StandardCharsets.UTF_8);
    }

    @Benchmark
    public ValidationError scanCreateFlowRun() {
        return StorableText.check(createFlowRun, BODY);
    }

    @Benchmark
    public ValidationError scanSetState() {
        return StorableText.check(setState, BODY);
    }

    /** 1,000 parameters, ~60 kB of JSON text with 3,000 strings and keys. */
    @Benchmark
    public ValidationError scanLargeParameters() {
        return StorableText.check(largeParameters, BODY);
    }
}
