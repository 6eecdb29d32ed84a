package io.baton.domain.orchestration;

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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** In-memory stand-ins for every orchestration port, with a fixed clock and seeded randomness. */
public final class FakePorts implements DeploymentPort, ConcurrencyPort, LeasePort, TaskCachePort, FlowRunLookup,
        StateHistoryPort {

    public static final Instant T0 = Instant.parse("2026-11-21T06:00:00.000001Z");

    public final MutableClock clock = new MutableClock(T0);
    public final Map<UUID, DeploymentConcurrency> deployments = new HashMap<>();
    /** Limits by name, with live active-slot counts. */
    public final Map<String, ConcurrencyLimit> limits = new LinkedHashMap<>();
    public final Map<UUID, Lease> leases = new LinkedHashMap<>();
    public final Map<String, State> cache = new HashMap<>();
    public final Map<UUID, ParentFlowRun> flowRuns = new HashMap<>();
    public final Set<String> takenTimestamps = new HashSet<>();
    public final List<String> log = new ArrayList<>();
    public OrchestrationSettings settings = OrchestrationSettings.DEFAULTS;

    public OrchestrationPorts ports() {
        return new OrchestrationPorts(clock, settings, this, this, this, this, this, this, new Random(7));
    }

    public OrchestrationEngine engine() {
        return new OrchestrationEngine(ports());
    }

    public ConcurrencyLimit addLimit(String name, int limit, int active) {
        ConcurrencyLimit l = new ConcurrencyLimit(UUID.randomUUID(), name, limit, true, active, 2.0);
        limits.put(name, l);
        return l;
    }

    public ConcurrencyLimit limit(String name) {
        return limits.get(name);
    }

    private ConcurrencyLimit byId(UUID id) {
        return limits.values().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }

    private void put(ConcurrencyLimit l, int active) {
        limits.put(l.name(), new ConcurrencyLimit(l.id(), l.name(), l.limit(), l.active(), active,
                l.avgSlotOccupancySeconds()));
    }

    @Override
    public Optional<DeploymentConcurrency> findDeployment(UUID deploymentId) {
        return Optional.ofNullable(deployments.get(deploymentId)).map(d -> d.limit() == null ? d
                : new DeploymentConcurrency(d.deploymentId(), limits.get(d.limit().name()), d.collisionStrategy(),
                d.gracePeriodSeconds()));
    }

    @Override
    public List<ConcurrencyLimit> findLimitsByName(Collection<String> names) {
        return names.stream().map(limits::get).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public boolean acquireSlots(Collection<UUID> limitIds, int slots) {
        List<ConcurrencyLimit> targets = limitIds.stream().map(this::byId).filter(ConcurrencyLimit::active).toList();
        if (targets.stream().anyMatch(l -> l.activeSlots() + slots > l.limit())) {
            log.add("acquire-denied " + limitIds);
            return false;
        }
        targets.forEach(l -> put(l, l.activeSlots() + slots));
        log.add("acquire " + slots);
        return true;
    }

    @Override
    public void releaseSlots(Collection<UUID> limitIds, int slots, Duration occupancy) {
        limitIds.stream().map(this::byId).forEach(l -> put(l, Math.max(0, l.activeSlots() - slots)));
        log.add("release " + slots);
    }

    @Override
    public Lease createLease(Collection<UUID> resourceIds, Duration ttl, int slots, LeaseHolder holder) {
        Lease lease = new Lease(UUID.randomUUID(), List.copyOf(resourceIds), clock.instant().plus(ttl), slots, holder);
        leases.put(lease.id(), lease);
        log.add("lease-create " + ttl.toSeconds());
        return lease;
    }

    @Override
    public Optional<Lease> readLease(UUID leaseId) {
        return Optional.ofNullable(leases.get(leaseId));
    }

    @Override
    public boolean renewLease(UUID leaseId, Duration ttl) {
        Lease l = leases.get(leaseId);
        if (l == null || l.expiration().isBefore(clock.instant())) {
            log.add("lease-renew-failed");
            return false;
        }
        leases.put(leaseId, new Lease(l.id(), l.resourceIds(), clock.instant().plus(ttl), l.slots(), l.holder()));
        log.add("lease-renew " + ttl.toSeconds());
        return true;
    }

    @Override
    public void revokeLease(UUID leaseId) {
        leases.remove(leaseId);
        log.add("lease-revoke");
    }

    @Override
    public List<Lease> leasesHeldBy(UUID limitId, LeaseHolder holder) {
        return leases.values().stream()
                .filter(l -> l.resourceIds().contains(limitId) && holder.equals(l.holder())).toList();
    }

    @Override
    public Optional<State> findCachedState(String cacheKey, Instant now) {
        State s = cache.get(cacheKey);
        if (s == null) {
            return Optional.empty();
        }
        Instant exp = s.details().cacheExpiration();
        return exp == null || exp.isAfter(now) ? Optional.of(s) : Optional.empty();
    }

    @Override
    public Optional<ParentFlowRun> findFlowRun(UUID flowRunId) {
        return Optional.ofNullable(flowRuns.get(flowRunId));
    }

    @Override
    public boolean flowRunStateExistsAt(UUID flowRunId, Instant timestamp) {
        return takenTimestamps.contains(flowRunId + "@" + timestamp);
    }

    public void takeTimestamp(UUID flowRunId, Instant timestamp) {
        takenTimestamps.add(flowRunId + "@" + timestamp);
    }
}
