package io.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.validation.JsonBodyParser;
import io.baton.http.validation.MalformedJsonException;
import io.baton.http.validation.Validation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Request-body validation against the bundled {@code openapi.json}, as {@code ApiRouter} runs it on every call
 * after parsing: {@code Operation.validateBody} on the parsed body (schemas compiled in the setup).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ValidationBench {

    private LifecycleInputs in;
    private JsonNode createBody;
    private JsonNode setStateBody;

    @Setup
    public void setUp() throws MalformedJsonException {
        in = new LifecycleInputs();
        createBody = JsonBodyParser.parse(in.createFlowRunBody);
        setStateBody = JsonBodyParser.parse(in.setRunningBody);
    }

    /** {@code POST /flow_runs/} with the load tool's {@code FlowRunCreate}. */
    @Benchmark
    public Validation flowRunCreateBody() {
        return in.createFlowRun.validateBody(createBody);
    }

    /** {@code POST /flow_runs/{id}/set_state} with a RUNNING proposal. */
    @Benchmark
    public Validation setStateBody() {
        return in.setFlowRunState.validateBody(setStateBody);
    }
}
