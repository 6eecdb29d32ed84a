package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.orchestration.OrchestrationResult;
import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.state.StateCreate;
import java.time.Instant;

/**
 * The routes' package-private body writers and readers, opened to the benchmarks (same package on the class
 * path) so that they measure exactly what a route hands to {@code ApiRouter.write}.
 */
public final class RouteBodies {

    private RouteBodies() {}

    /** The body of {@code POST /flow_runs/} and {@code GET /flow_runs/{id}}. */
    public static ObjectNode flowRun(FlowRunRecord run, Instant now) {
        return FlowRunJson.flowRun(run, now);
    }

    /** The body of {@code POST /flow_runs/{id}/set_state}. */
    public static ObjectNode setStateResult(OrchestrationResult result) {
        return StateJsonWriter.result(result);
    }

    /** The proposal a set_state route reads from its validated body's {@code state}. */
    public static StateCreate proposal(JsonNode state) {
        return StateJsonWriter.proposal(state);
    }
}
