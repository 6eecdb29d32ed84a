package io.baton.bench;

import io.baton.domain.orchestration.OrchestrationEngine;
import io.baton.domain.orchestration.port.ConcurrencyLimit;
import io.baton.domain.orchestration.port.ConcurrencyPort;
import io.baton.domain.orchestration.port.DeploymentConcurrency;
import io.baton.domain.orchestration.port.DeploymentPort;
import io.baton.domain.orchestration.port.FlowRunLookup;
import io.baton.domain.orchestration.port.Lease;
import io.baton.domain.orchestration.port.LeaseHolder;
import io.baton.domain.orchestration.port.LeasePort;
import io.baton.domain.orchestration.port.OrchestrationPorts;
import io.baton.domain.orchestration.port.OrchestrationSettings;
import io.baton.domain.orchestration.port.StateHistoryPort;
import io.baton.domain.orchestration.port.TaskCachePort;
import io.baton.domain.state.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The ports as the lifecycle load sees them: no deployment, no concurrency limits, no leases, no cached task
 * states, no colliding state timestamps; only the enclosing flow run of a task run is found. Lookups are
 * answered from memory so that a benchmark measures the rules, not storage.
 */
final class InMemoryPorts implements DeploymentPort, ConcurrencyPort, LeasePort, TaskCachePort, FlowRunLookup,
        StateHistoryPort {

    private final Clock clock;
    private final Map<UUID, ParentFlowRun> flowRuns;

    InMemoryPorts(Clock clock, Map<UUID, ParentFlowRun> flowRuns) {
        this.clock = clock;
        this.flowRuns = Map.copyOf(flowRuns);
    }

    /** An engine over these ports, built as {@code RunOrchestration} builds one per transaction. */
    OrchestrationEngine engine() {
        return new OrchestrationEngine(new OrchestrationPorts(clock, OrchestrationSettings.DEFAULTS, this, this, this,
                this, this, this, RandomGenerator.getDefault()));
    }

    @Override
    public Optional<DeploymentConcurrency> findDeployment(UUID deploymentId) {
        return Optional.empty();
    }

    @Override
    public List<ConcurrencyLimit> findLimitsByName(Collection<String> names) {
        return List.of();
    }

    @Override
    public boolean acquireSlots(Collection<UUID> limitIds, int slots) {
        return true;
    }

    @Override
    public void releaseSlots(Collection<UUID> limitIds, int slots, Duration occupancy) {
    }

    @Override
    public Lease createLease(Collection<UUID> resourceIds, Duration ttl, int slots, LeaseHolder holder) {
        return new Lease(UUID.randomUUID(), List.copyOf(resourceIds), clock.instant().plus(ttl), slots, holder);
    }

    @Override
    public Optional<Lease> readLease(UUID leaseId) {
        return Optional.empty();
    }

    @Override
    public boolean renewLease(UUID leaseId, Duration ttl) {
        return false;
    }

    @Override
    public void revokeLease(UUID leaseId) {
    }

    @Override
    public List<Lease> leasesHeldBy(UUID limitId, LeaseHolder holder) {
        return List.of();
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
