package io.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.state.StateCreate;
import io.baton.http.routes.FlowRunJson;
import io.baton.http.routes.StateJsonWriter;
import io.baton.http.validation.JsonBodyParser;
import io.baton.http.validation.MalformedJsonException;
import io.baton.json.Json;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Request and response bodies of the lifecycle calls, as the HTTP layer handles them: a route builds the
 * body tree and {@code ApiRouter.write} serializes it with {@code Json.writeBytes}; a request body is parsed
 * by {@code JsonBodyParser} and read by the route (validation is measured apart, in {@link ValidationBench}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class JsonBench {

    private LifecycleInputs in;
    private Instant now;

    @Setup
    public void setUp() {
        in = new LifecycleInputs();
        now = LifecycleInputs.CREATED.plusMillis(3);
    }

    /** {@code POST /flow_runs/}'s 201 body: the flow run with its PENDING state (~1.7 kB). */
    @Benchmark
    public byte[] flowRunResponse() {
        return Json.writeBytes(FlowRunJson.flowRun(in.createdRecord, now));
    }

    /** {@code set_state}'s 201 body: the accepted RUNNING state, status and details. */
    @Benchmark
    public byte[] setStateResponse() {
        return Json.writeBytes(StateJsonWriter.result(in.running.result()));
    }

    /** {@code set_state}'s request body (~0.6 kB) parsed, and its {@code state} read into a proposal. */
    @Benchmark
    public StateCreate setStateRequest() throws MalformedJsonException {
        JsonNode body = JsonBodyParser.parse(in.setRunningBody);
        return StateJsonWriter.proposal(body.get("state"));
    }
}
