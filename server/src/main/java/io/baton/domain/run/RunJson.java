package io.baton.domain.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.state.StateDetails;
import io.baton.json.Json;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The JSON forms of run policies and state details, fully populated with defaults (as they are stored in JSON
 * columns and written on the wire).
 */
public final class RunJson {

    private RunJson() {}

    /** Reads a client {@code FlowRunPolicy}; the deprecated fields fill the current ones when those are unset. */
    public static FlowRunPolicy flowRunPolicy(JsonNode node) {
        if (node == null || !node.isObject()) {
            return FlowRunPolicy.DEFAULT;
        }
        int maxRetries = node.path("max_retries").asInt(0);
        double retryDelaySeconds = node.path("retry_delay_seconds").asDouble(0);
        Integer retries = intOrNull(node.get("retries"));
        Integer retryDelay = intOrNull(node.get("retry_delay"));
        if (retries == null && maxRetries != 0) {
            retries = maxRetries;
        }
        if (retryDelay == null && retryDelaySeconds != 0) {
            retryDelay = (int) retryDelaySeconds;
        }
        Set<String> pauseKeys = new LinkedHashSet<>();
        node.path("pause_keys").forEach(k -> pauseKeys.add(k.asText()));
        JsonNode retryType = node.get("retry_type");
        return new FlowRunPolicy(retries, retryDelay, pauseKeys, node.path("resuming").asBoolean(false),
                retryType == null || retryType.isNull() ? null : RetryType.fromWire(retryType.asText()),
                maxRetries, retryDelaySeconds);
    }

    public static ObjectNode flowRunPolicy(FlowRunPolicy p) {
        ObjectNode o = Json.object();
        o.put("max_retries", p.maxRetries());
        o.put("retry_delay_seconds", p.retryDelaySeconds());
        putInt(o, "retries", p.retries());
        putInt(o, "retry_delay", p.retryDelay());
        ArrayNode keys = o.putArray("pause_keys");
        new TreeSet<>(p.pauseKeys()).forEach(keys::add);
        o.put("resuming", p.isResuming());
        if (p.retryType() == null) {
            o.putNull("retry_type");
        } else {
            o.put("retry_type", p.retryType().wire());
        }
        return o;
    }

    public static ObjectNode taskRunPolicy(TaskRunPolicy p) {
        ObjectNode o = Json.object();
        o.put("max_retries", p.maxRetries());
        o.put("retry_delay_seconds", p.retryDelaySeconds());
        putInt(o, "retries", p.retries());
        if (p.retryDelay() == null) {
            o.putNull("retry_delay");
        } else {
            o.set("retry_delay", p.retryDelay());
        }
        if (p.retryJitterFactor() == null) {
            o.putNull("retry_jitter_factor");
        } else {
            o.put("retry_jitter_factor", p.retryJitterFactor());
        }
        return o;
    }

    public static ObjectNode stateDetails(StateDetails d) {
        ObjectNode o = Json.object();
        putUuid(o, "flow_run_id", d.flowRunId());
        putUuid(o, "task_run_id", d.taskRunId());
        putUuid(o, "child_flow_run_id", d.childFlowRunId());
        putInstant(o, "scheduled_time", d.scheduledTime());
        putText(o, "cache_key", d.cacheKey());
        putInstant(o, "cache_expiration", d.cacheExpiration());
        if (d.deferred() == null) {
            o.putNull("deferred");
        } else {
            o.put("deferred", d.deferred());
        }
        o.put("untrackable_result", d.untrackableResult());
        putInstant(o, "pause_timeout", d.pauseTimeout());
        o.put("pause_reschedule", d.pauseReschedule());
        putText(o, "pause_key", d.pauseKey());
        if (d.runInputKeyset() == null) {
            o.putNull("run_input_keyset");
        } else {
            ObjectNode keyset = o.putObject("run_input_keyset");
            for (Map.Entry<String, String> e : d.runInputKeyset().entrySet()) {
                keyset.put(e.getKey(), e.getValue());
            }
        }
        putBool(o, "refresh_cache", d.refreshCache());
        putBool(o, "retriable", d.retriable());
        putUuid(o, "transition_id", d.transitionId());
        putUuid(o, "task_parameters_id", d.taskParametersId());
        putText(o, "traceparent", d.traceparent());
        putUuid(o, "deployment_concurrency_lease_id", d.deploymentConcurrencyLeaseId());
        return o;
    }

    private static Integer intOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asInt();
    }

    private static void putInt(ObjectNode o, String k, Integer v) {
        if (v == null) {
            o.putNull(k);
        } else {
            o.put(k, v);
        }
    }

    private static void putBool(ObjectNode o, String k, Boolean v) {
        if (v == null) {
            o.putNull(k);
        } else {
            o.put(k, v);
        }
    }

    private static void putText(ObjectNode o, String k, String v) {
        if (v == null) {
            o.putNull(k);
        } else {
            o.put(k, v);
        }
    }

    private static void putUuid(ObjectNode o, String k, UUID v) {
        putText(o, k, v == null ? null : v.toString());
    }

    private static void putInstant(ObjectNode o, String k, Instant v) {
        putText(o, k, v == null ? null : Json.timestamp(v));
    }
}
