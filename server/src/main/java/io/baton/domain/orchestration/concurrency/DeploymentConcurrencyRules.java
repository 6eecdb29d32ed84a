package io.baton.domain.orchestration.concurrency;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.OrchestrationRule;
import io.baton.domain.orchestration.PrefectVersion;
import io.baton.domain.orchestration.TypeSet;
import io.baton.domain.orchestration.UniversalTransform;
import io.baton.domain.orchestration.port.CollisionStrategy;
import io.baton.domain.orchestration.port.ConcurrencyLimit;
import io.baton.domain.orchestration.port.DeploymentConcurrency;
import io.baton.domain.orchestration.port.Lease;
import io.baton.domain.orchestration.port.OrchestrationPorts;
import io.baton.domain.orchestration.port.LeaseHolder;
import io.baton.domain.run.FlowRun;
import io.baton.domain.state.State;
import io.baton.domain.state.StateDetails;
import io.baton.domain.state.StateType;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Deployment concurrency: a slot on the V2 limit {@code deployment:<id>} is taken when a run becomes PENDING,
 * covered by a lease the client renews while running, and given back when the run leaves
 * PENDING/RUNNING/CANCELLING.
 */
public final class DeploymentConcurrencyRules {
    private DeploymentConcurrencyRules() {}

    /** Clients from this version on renew deployment leases themselves. */
    static final PrefectVersion LEASE_RENEWING_CLIENT = PrefectVersion.of("3.4.11");
    static final String LIMIT_REACHED = "Deployment concurrency limit reached.";
    private static final Set<StateType> HOLDING_SLOT =
            EnumSet.of(StateType.PENDING, StateType.RUNNING, StateType.CANCELLING);

    static Duration leaseDuration(OrchestrationContext<FlowRun> ctx, DeploymentConcurrency deployment) {
        return deployment.gracePeriodSeconds() != null
                ? Duration.ofSeconds(deployment.gracePeriodSeconds())
                : ctx.settings().initialDeploymentLeaseDuration();
    }

    static boolean clientRenewsLeases(OrchestrationContext<FlowRun> ctx) {
        PrefectVersion v = ctx.client().clientVersion();
        return v != null && v.isAtLeast(LEASE_RENEWING_CLIENT);
    }

    /** Workers send explicit nulls; the lease id must survive every transition. */
    public static final class PreserveDeploymentConcurrencyLeaseId extends UniversalTransform<FlowRun> {
        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            State initial = ctx.initialState();
            if (initial == null || initial.details().deploymentConcurrencyLeaseId() == null) {
                return;
            }
            if (ctx.proposedState().details().deploymentConcurrencyLeaseId() == null) {
                UUID lease = initial.details().deploymentConcurrencyLeaseId();
                ctx.reviseProposed(s -> s.withDetails(s.details().withDeploymentConcurrencyLeaseId(lease)));
            }
        }
    }

    /**
     * Take one deployment slot on the way to PENDING. Full limit: ENQUEUE reschedules the run as
     * AwaitingConcurrencySlot, CANCEL_NEW cancels it. A later change of the transition gives the slot back.
     */
    public static final class SecureFlowConcurrencySlots extends OrchestrationRule<FlowRun> {
        /** Workers of these versions manage deployment slots themselves. */
        private static final List<PrefectVersion> SELF_MANAGING_CLIENTS = List.of(
                PrefectVersion.of("3.0.0rc20"), PrefectVersion.of("3.0.0"), PrefectVersion.of("3.0.1"),
                PrefectVersion.of("3.0.2"), PrefectVersion.of("3.0.3"));
        private ConcurrencyLimit acquiredOn;
        private Lease lease;

        @Override
        protected TypeSet fromStates() {
            return TypeSet.anyExcept(StateType.PENDING, StateType.RUNNING, StateType.CANCELLING);
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.PENDING);
        }

        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            FlowRun run = ctx.run();
            if (run.deploymentId() == null) {
                return;
            }
            PrefectVersion client = ctx.client().clientVersion();
            if (client != null && SELF_MANAGING_CLIENTS.stream().anyMatch(v -> v.compareTo(client) == 0)) {
                return;
            }
            Optional<DeploymentConcurrency> found = ctx.ports().deployments().findDeployment(run.deploymentId());
            if (found.isEmpty()) {
                abort(ctx, "Deployment not found.");
                return;
            }
            DeploymentConcurrency deployment = found.get();
            ConcurrencyLimit limit = deployment.limit();
            if (limit == null) {
                return;
            }
            if (limit.limit() == 0) {
                abort(ctx, "The deployment concurrency limit is 0. The flow will deadlock if submitted again.");
                return;
            }
            if (ctx.ports().concurrency().acquireSlots(List.of(limit.id()), 1)) {
                acquiredOn = limit;
                lease = ctx.ports().leases().createLease(List.of(limit.id()), leaseDuration(ctx, deployment), 1, null);
                UUID leaseId = lease.id();
                ctx.reviseProposed(s -> s.withDetails(s.details().withDeploymentConcurrencyLeaseId(leaseId)));
                return;
            }
            if (deployment.collisionStrategy() == CollisionStrategy.CANCEL_NEW) {
                reject(ctx, State.create(StateType.CANCELLED, null, ctx.now(), LIMIT_REACHED, null, null),
                        LIMIT_REACHED);
            } else {
                StateDetails details = StateDetails.DEFAULT
                        .withScheduledTime(ctx.now().plus(ctx.settings().deploymentConcurrencySlotWait()));
                reject(ctx, State.create(StateType.SCHEDULED, "AwaitingConcurrencySlot", ctx.now(), null, null,
                        details), LIMIT_REACHED);
            }
        }

        @Override
        protected void cleanup(OrchestrationContext<FlowRun> ctx) {
            if (acquiredOn != null) {
                ctx.ports().concurrency().releaseSlots(List.of(acquiredOn.id()), 1, null);
                ctx.ports().leases().revokeLease(lease.id());
            }
        }
    }

    /**
     * PENDING -> RUNNING re-confirms the slot for lease-renewing clients: renew the lease, or if it was reaped
     * take a fresh slot under a new lease, or cancel the run when none is free.
     */
    public static final class ValidateDeploymentConcurrencyAtRunning extends OrchestrationRule<FlowRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.of(StateType.PENDING);
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.RUNNING);
        }

        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            UUID leaseId = ctx.initialState().details().deploymentConcurrencyLeaseId();
            ctx.reviseProposed(s -> s.withDetails(s.details().withDeploymentConcurrencyLeaseId(leaseId)));
            FlowRun run = ctx.run();
            if (leaseId == null || !clientRenewsLeases(ctx) || run.deploymentId() == null) {
                return;
            }
            Optional<DeploymentConcurrency> deployment = ctx.ports().deployments().findDeployment(run.deploymentId());
            if (deployment.isEmpty() || deployment.get().limit() == null) {
                return;
            }
            Duration ttl = leaseDuration(ctx, deployment.get());
            if (ctx.ports().leases().renewLease(leaseId, ttl)) {
                return;
            }
            UUID limitId = deployment.get().limit().id();
            if (ctx.ports().concurrency().acquireSlots(List.of(limitId), 1)) {
                Lease fresh = ctx.ports().leases().createLease(List.of(limitId), ttl, 1, LeaseHolder.flowRun(run.id()));
                ctx.reviseProposed(s -> s.withDetails(s.details().withDeploymentConcurrencyLeaseId(fresh.id())));
                return;
            }
            reject(ctx, State.create(StateType.CANCELLED, null, ctx.now(),
                            "Deployment concurrency slot lost during provisioning - no slots available to continue execution",
                            null, null),
                    "Deployment concurrency slot lost during provisioning - no slots available to continue execution");
        }
    }

    /**
     * Old clients cannot renew leases: drop the lease record once the run starts so the reaper does not free a
     * slot that is still in use (the slot itself is released at the end).
     */
    public static final class RemoveDeploymentConcurrencyLeaseForOldClientVersions
            extends OrchestrationRule<FlowRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.of(StateType.PENDING);
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.RUNNING, StateType.CANCELLING);
        }

        @Override
        protected void after(OrchestrationContext<FlowRun> ctx) {
            UUID leaseId = ctx.initialState().details().deploymentConcurrencyLeaseId();
            if (leaseId != null && !clientRenewsLeases(ctx)) {
                ctx.ports().leases().revokeLease(leaseId);
            }
        }
    }

    /** Leaving PENDING/RUNNING/CANCELLING for anything else frees the deployment slot. */
    public static final class ReleaseFlowConcurrencySlots extends UniversalTransform<FlowRun> {
        @Override
        protected void after(OrchestrationContext<FlowRun> ctx) {
            if (HOLDING_SLOT.contains(ctx.validatedState().type())) {
                return;
            }
            releaseDeploymentSlot(ctx.run(), ctx.initialState(), ctx.ports());
        }
    }

    /**
     * Gives back the deployment concurrency slot a run in {@code current} holds (PENDING, RUNNING or CANCELLING runs
     * of a deployment do): through its lease when the state names one that still exists (the lease is revoked),
     * else one slot of the deployment's limit. Used when a run leaves those states and when it is deleted in one.
     */
    public static void releaseDeploymentSlot(FlowRun run, State current, OrchestrationPorts ports) {
        if (run.deploymentId() == null || current == null || !HOLDING_SLOT.contains(current.type())) {
            return;
        }
        UUID leaseId = current.details().deploymentConcurrencyLeaseId();
        if (leaseId != null) {
            Optional<Lease> lease = ports.leases().readLease(leaseId);
            if (lease.isPresent()) {
                ports.concurrency().releaseSlots(lease.get().resourceIds(), lease.get().slots(), null);
                ports.leases().revokeLease(leaseId);
                return;
            }
        }
        ports.deployments().findDeployment(run.deploymentId())
                .map(DeploymentConcurrency::limit)
                .ifPresent(limit -> ports.concurrency().releaseSlots(List.of(limit.id()), 1, null));
    }

    /** Late-runs service: a CANCEL_NEW deployment at its limit cancels a run instead of marking it Late. */
    public static final class EnforceDeploymentConcurrencyOnLate extends OrchestrationRule<FlowRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.of(StateType.SCHEDULED);
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.SCHEDULED);
        }

        @Override
        protected void before(OrchestrationContext<FlowRun> ctx) {
            FlowRun run = ctx.run();
            if (!"Late".equals(ctx.proposedState().name()) || run.deploymentId() == null) {
                return;
            }
            Optional<DeploymentConcurrency> deployment = ctx.ports().deployments().findDeployment(run.deploymentId());
            if (deployment.isEmpty() || deployment.get().limit() == null
                    || deployment.get().collisionStrategy() != CollisionStrategy.CANCEL_NEW) {
                return;
            }
            ConcurrencyLimit limit = deployment.get().limit();
            if (limit.activeSlots() >= limit.limit()) {
                reject(ctx, State.create(StateType.CANCELLED, null, ctx.now(), LIMIT_REACHED, null, null),
                        LIMIT_REACHED);
            }
        }
    }
}
