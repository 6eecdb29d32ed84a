package io.baton.domain.run;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code task_run.empirical_policy}. {@code retryDelay} is kept as the JSON the client sent (a number, a list of
 * numbers or null) so it round-trips unchanged; {@link #baseDelaySeconds(int)} interprets it.
 */
public record TaskRunPolicy(Integer retries, JsonNode retryDelay, Double retryJitterFactor, int maxRetries,
                            double retryDelaySeconds) {

    public static final TaskRunPolicy DEFAULT = new TaskRunPolicy(null, null, null, 0, 0);

    /**
     * Delay before retry number {@code runCount}: lists are indexed by {@code min(runCount - 1, size - 1)},
     * a plain number applies to every retry, null means none.
     */
    public double baseDelaySeconds(int runCount) {
        if (retryDelay == null || retryDelay.isNull()) {
            return 0;
        }
        if (retryDelay.isArray()) {
            if (retryDelay.isEmpty()) {
                return 0;
            }
            int index = Math.max(0, Math.min(runCount - 1, retryDelay.size() - 1));
            return retryDelay.get(index).asDouble();
        }
        return retryDelay.asDouble();
    }
}
