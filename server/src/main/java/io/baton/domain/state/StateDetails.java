package io.baton.domain.state;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * {@code state_details} with the wire defaults: everything null except {@code deferred=false},
 * {@code untrackable_result=false} and {@code pause_reschedule=false}. {@code deferred} stays a nullable
 * Boolean because clients send an explicit null and the server echoes it back unchanged.
 */
public record StateDetails(
        UUID flowRunId,
        UUID taskRunId,
        UUID childFlowRunId,
        Instant scheduledTime,
        String cacheKey,
        Instant cacheExpiration,
        Boolean deferred,
        boolean untrackableResult,
        Instant pauseTimeout,
        boolean pauseReschedule,
        String pauseKey,
        Map<String, String> runInputKeyset,
        Boolean refreshCache,
        Boolean retriable,
        UUID transitionId,
        UUID taskParametersId,
        String traceparent,
        UUID deploymentConcurrencyLeaseId) {

    public static final StateDetails DEFAULT = new StateDetails(null, null, null, null, null, null, false, false,
            null, false, null, null, null, null, null, null, null, null);

    public static StateDetails defaults() {
        return DEFAULT;
    }

    public boolean isDeferred() {
        return Boolean.TRUE.equals(deferred);
    }

    public StateDetails withFlowRunId(UUID v) {
        return new StateDetails(v, taskRunId, childFlowRunId, scheduledTime, cacheKey, cacheExpiration, deferred,
                untrackableResult, pauseTimeout, pauseReschedule, pauseKey, runInputKeyset, refreshCache, retriable,
                transitionId, taskParametersId, traceparent, deploymentConcurrencyLeaseId);
    }

    public StateDetails withTaskRunId(UUID v) {
        return new StateDetails(flowRunId, v, childFlowRunId, scheduledTime, cacheKey, cacheExpiration, deferred,
                untrackableResult, pauseTimeout, pauseReschedule, pauseKey, runInputKeyset, refreshCache, retriable,
                transitionId, taskParametersId, traceparent, deploymentConcurrencyLeaseId);
    }

    public StateDetails withChildFlowRunId(UUID v) {
        return new StateDetails(flowRunId, taskRunId, v, scheduledTime, cacheKey, cacheExpiration, deferred,
                untrackableResult, pauseTimeout, pauseReschedule, pauseKey, runInputKeyset, refreshCache, retriable,
                transitionId, taskParametersId, traceparent, deploymentConcurrencyLeaseId);
    }

    public StateDetails withScheduledTime(Instant v) {
        return new StateDetails(flowRunId, taskRunId, childFlowRunId, v, cacheKey, cacheExpiration, deferred,
                untrackableResult, pauseTimeout, pauseReschedule, pauseKey, runInputKeyset, refreshCache, retriable,
                transitionId, taskParametersId, traceparent, deploymentConcurrencyLeaseId);
    }

    public StateDetails withCache(String key, Instant expiration) {
        return new StateDetails(flowRunId, taskRunId, childFlowRunId, scheduledTime, key, expiration, deferred,
                untrackableResult, pauseTimeout, pauseReschedule, pauseKey, runInputKeyset, refreshCache, retriable,
                transitionId, taskParametersId, traceparent, deploymentConcurrencyLeaseId);
    }

    public StateDetails withDeferred(Boolean v) {
        return new StateDetails(flowRunId, taskRunId, childFlowRunId, scheduledTime, cacheKey, cacheExpiration, v,
                untrackableResult, pauseTimeout, pauseReschedule, pauseKey, runInputKeyset, refreshCache, retriable,
                transitionId, taskParametersId, traceparent, deploymentConcurrencyLeaseId);
    }

    public StateDetails withPause(Instant timeout, boolean reschedule, String key) {
        return new StateDetails(flowRunId, taskRunId, childFlowRunId, scheduledTime, cacheKey, cacheExpiration,
                deferred, untrackableResult, timeout, reschedule, key, runInputKeyset, refreshCache, retriable,
                transitionId, taskParametersId, traceparent, deploymentConcurrencyLeaseId);
    }

    public StateDetails withRefreshCache(Boolean v) {
        return new StateDetails(flowRunId, taskRunId, childFlowRunId, scheduledTime, cacheKey, cacheExpiration,
                deferred, untrackableResult, pauseTimeout, pauseReschedule, pauseKey, runInputKeyset, v, retriable,
                transitionId, taskParametersId, traceparent, deploymentConcurrencyLeaseId);
    }

    public StateDetails withRetriable(Boolean v) {
        return new StateDetails(flowRunId, taskRunId, childFlowRunId, scheduledTime, cacheKey, cacheExpiration,
                deferred, untrackableResult, pauseTimeout, pauseReschedule, pauseKey, runInputKeyset, refreshCache, v,
                transitionId, taskParametersId, traceparent, deploymentConcurrencyLeaseId);
    }

    public StateDetails withTransitionId(UUID v) {
        return new StateDetails(flowRunId, taskRunId, childFlowRunId, scheduledTime, cacheKey, cacheExpiration,
                deferred, untrackableResult, pauseTimeout, pauseReschedule, pauseKey, runInputKeyset, refreshCache,
                retriable, v, taskParametersId, traceparent, deploymentConcurrencyLeaseId);
    }

    public StateDetails withTaskParametersId(UUID v) {
        return new StateDetails(flowRunId, taskRunId, childFlowRunId, scheduledTime, cacheKey, cacheExpiration,
                deferred, untrackableResult, pauseTimeout, pauseReschedule, pauseKey, runInputKeyset, refreshCache,
                retriable, transitionId, v, traceparent, deploymentConcurrencyLeaseId);
    }

    public StateDetails withDeploymentConcurrencyLeaseId(UUID v) {
        return new StateDetails(flowRunId, taskRunId, childFlowRunId, scheduledTime, cacheKey, cacheExpiration,
                deferred, untrackableResult, pauseTimeout, pauseReschedule, pauseKey, runInputKeyset, refreshCache,
                retriable, transitionId, taskParametersId, traceparent, v);
    }
}
