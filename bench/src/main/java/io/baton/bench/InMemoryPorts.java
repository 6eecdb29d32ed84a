package io.baton.bench;

import io.baton.domain.orchestration.OrchestrationEngine;
import io.baton.domain.orchestration.port.DeploymentConcurrency;
import io.baton.domain.orchestration.port.DeploymentPort;
import io.baton.domain.orchestration.port.FlowRunLookup;
import io.baton.domain.orchestration.port.OrchestrationPorts;
import io.baton.domain.orchestration.port.OrchestrationSettings;
import io.baton.domain.orchestration.port.StateHistoryPort;
import io.baton.domain.orchestration.port.TaskCachePort;
import io.baton.domain.state.State;
import io.baton.storage.jdbc.orchestration.NoConcurrencyLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The ports as the lifecycle load sees them: no deployment, no concurrency limits and no leases (the server's
 * own {@link NoConcurrencyLimits}), no cached task states, no colliding state timestamps; only the enclosing
 * flow run of a task run is found. Lookups are answered from memory so that a benchmark measures the rules,
 * not storage.
 */
final class InMemoryPorts implements DeploymentPort, TaskCachePort, FlowRunLookup, StateHistoryPort {

    private final Clock clock;
    private final Map<UUID, ParentFlowRun> flowRuns;

    InMemoryPorts(Clock clock, Map<UUID, ParentFlowRun> flowRuns) {
        this.clock = clock;
        this.flowRuns = Map.copyOf(flowRuns);
    }

    /** An engine over these ports, built as {@code RunOrchestration} builds one per transaction. */
    OrchestrationEngine engine() {
        return new OrchestrationEngine(new OrchestrationPorts(clock, OrchestrationSettings.DEFAULTS, this,
                NoConcurrencyLimits.INSTANCE, NoConcurrencyLimits.INSTANCE, this, this, this, RandomGenerator.getDefault()));
    }

    @Override
    public Optional<DeploymentConcurrency> findDeployment(UUID deploymentId) {
        return Optional.empty();
    }

    @Override
    public Optional<State> findCachedState(String cacheKey, Instant now) {
        return Optional.empty();
    }

    @Override
    public Optional<ParentFlowRun> findFlowRun(UUID flowRunId) {
        return Optional.ofNullable(flowRuns.get(flowRunId));
    }

    @Override
    public boolean flowRunStateExistsAt(UUID flowRunId, Instant timestamp) {
        return false;
    }
}
