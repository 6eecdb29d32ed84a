package io.baton.domain.orchestration.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.run.TaskRunPolicy;
import io.baton.domain.state.StateDetails;
import io.baton.domain.state.StateType;

import static io.baton.domain.orchestration.recorder.JsonFields.*;

/** Reads client JSON shapes of state details and task run policies, applying the schema defaults. */
public final class StateJson {
    private StateJson() {}

    public static StateDetails details(JsonNode node) {
        if (node == null || !node.isObject()) {
            return StateDetails.DEFAULT;
        }
        return new StateDetails(
                uuid(node, "flow_run_id"),
                uuid(node, "task_run_id"),
                uuid(node, "child_flow_run_id"),
                instant(node, "scheduled_time"),
                text(node, "cache_key"),
                instant(node, "cache_expiration"),
                node.has("deferred") ? bool(node, "deferred") : Boolean.FALSE,
                bool(node, "untrackable_result", false),
                instant(node, "pause_timeout"),
                bool(node, "pause_reschedule", false),
                text(node, "pause_key"),
                stringMap(node, "run_input_keyset"),
                bool(node, "refresh_cache"),
                bool(node, "retriable"),
                uuid(node, "transition_id"),
                uuid(node, "task_parameters_id"),
                text(node, "traceparent"),
                uuid(node, "deployment_concurrency_lease_id"));
    }

    public static TaskRunPolicy taskRunPolicy(JsonNode node) {
        if (node == null || !node.isObject()) {
            return TaskRunPolicy.DEFAULT;
        }
        Integer maxRetries = integer(node, "max_retries");
        Double retryDelaySeconds = number(node, "retry_delay_seconds");
        return new TaskRunPolicy(integer(node, "retries"), json(node, "retry_delay"),
                number(node, "retry_jitter_factor"), maxRetries == null ? 0 : maxRetries,
                retryDelaySeconds == null ? 0 : retryDelaySeconds);
    }

    public static StateType type(JsonNode node, String field) {
        String t = text(node, field);
        return t == null ? null : StateType.valueOf(t);
    }
}
