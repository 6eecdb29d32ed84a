package io.baton.domain.run;

import java.util.Set;

/**
 * {@code flow_run.empirical_policy}. {@code maxRetries} / {@code retryDelaySeconds} are the deprecated mirrors of
 * {@code retries} / {@code retry_delay}, kept in sync on input.
 */
public record FlowRunPolicy(Integer retries, Integer retryDelay, Set<String> pauseKeys, Boolean resuming,
                            RetryType retryType, int maxRetries, double retryDelaySeconds) {

    public static final FlowRunPolicy DEFAULT = new FlowRunPolicy(null, null, Set.of(), false, null, 0, 0);

    public FlowRunPolicy {
        pauseKeys = pauseKeys == null ? Set.of() : Set.copyOf(pauseKeys);
    }

    /** Builds a policy from the current fields, mirroring them into the deprecated ones. */
    public static FlowRunPolicy of(Integer retries, Integer retryDelay) {
        return new FlowRunPolicy(retries, retryDelay, Set.of(), false, null,
                retries == null ? 0 : retries, retryDelay == null ? 0 : retryDelay);
    }

    public boolean isResuming() {
        return Boolean.TRUE.equals(resuming);
    }

    public FlowRunPolicy withResuming(boolean v) {
        return new FlowRunPolicy(retries, retryDelay, pauseKeys, v, retryType, maxRetries, retryDelaySeconds);
    }

    public FlowRunPolicy withPauseKeys(Set<String> v) {
        return new FlowRunPolicy(retries, retryDelay, v, resuming, retryType, maxRetries, retryDelaySeconds);
    }

    public FlowRunPolicy withRetryType(RetryType v) {
        return new FlowRunPolicy(retries, retryDelay, pauseKeys, resuming, v, maxRetries, retryDelaySeconds);
    }
}
