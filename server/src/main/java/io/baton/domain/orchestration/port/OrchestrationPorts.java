package io.baton.domain.orchestration.port;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Everything rules may touch outside the run being orchestrated. The storage layer supplies implementations
 * bound to the caller's transaction; {@code random} feeds retry jitter and generated pause keys.
 */
public record OrchestrationPorts(Clock clock, OrchestrationSettings settings, DeploymentPort deployments,
                                 ConcurrencyPort concurrency, LeasePort leases, TaskCachePort taskCache,
                                 FlowRunLookup flowRuns, StateHistoryPort stateHistory, RandomGenerator random) {
}
