package io.baton.domain.orchestration.concurrency;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.OrchestrationRule;
import io.baton.domain.orchestration.TypeSet;
import io.baton.domain.orchestration.UniversalTransform;
import io.baton.domain.orchestration.common.Jitter;
import io.baton.domain.orchestration.port.ConcurrencyLimit;
import io.baton.domain.orchestration.port.Lease;
import io.baton.domain.orchestration.port.LeaseHolder;
import io.baton.domain.run.TaskRun;
import io.baton.domain.state.StateType;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tag concurrency for task runs orchestrated by the server: one slot on every active {@code tag:<tag>} V2 limit
 * while RUNNING, held under a (practically unending) lease whose holder is the task run.
 */
public final class TaskTagConcurrencyRules {
    private TaskTagConcurrencyRules() {}

    static final Duration TAG_LEASE_TTL = Duration.ofDays(365L * 100);
    private static final double WAIT_JITTER = 0.3;

    static List<String> limitNames(TaskRun run) {
        return run.tags().stream().map(t -> "tag:" + t).toList();
    }

    /** Take a slot on every tag limit at once, or WAIT; a zero limit would never free up, so ABORT. */
    public static final class SecureTaskConcurrencySlots extends OrchestrationRule<TaskRun> {
        private Lease lease;

        @Override
        protected TypeSet fromStates() {
            return TypeSet.ANY;
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.RUNNING);
        }

        @Override
        protected void before(OrchestrationContext<TaskRun> ctx) {
            TaskRun run = ctx.run();
            if (run.tags().isEmpty()) {
                return;
            }
            List<ConcurrencyLimit> limits = ctx.ports().concurrency().findLimitsByName(limitNames(run)).stream()
                    .filter(ConcurrencyLimit::active).toList();
            for (ConcurrencyLimit limit : limits) {
                if (limit.limit() == 0) {
                    abort(ctx, "The concurrency limit on tag '" + limit.name().substring("tag:".length())
                            + "' is 0 and will deadlock if the task tries to run again.");
                    return;
                }
            }
            if (limits.isEmpty()) {
                return;
            }
            List<UUID> ids = limits.stream().map(ConcurrencyLimit::id).toList();
            if (ctx.ports().concurrency().acquireSlots(ids, 1)) {
                lease = ctx.ports().leases().createLease(ids, TAG_LEASE_TTL, 1, LeaseHolder.taskRun(run.id()));
                return;
            }
            double maxWait = ctx.settings().tagConcurrencySlotWait().toMillis() / 1000.0;
            ConcurrencyLimit busiest = limits.stream().max(Comparator.comparingDouble(ConcurrencyLimit::utilisation))
                    .orElseThrow();
            double average = Math.min(busiest.avgSlotOccupancySeconds() > 0 ? busiest.avgSlotOccupancySeconds()
                    : maxWait, maxWait);
            long wait = Math.round(Jitter.clampedExponential(average, WAIT_JITTER, ctx.ports().random()));
            delay(ctx, wait, "Concurrency limit for the " + run.tags() + " tags has been reached");
        }

        @Override
        protected void cleanup(OrchestrationContext<TaskRun> ctx) {
            if (lease != null) {
                ctx.ports().concurrency().releaseSlots(lease.resourceIds(), lease.slots(), null);
                ctx.ports().leases().revokeLease(lease.id());
            }
        }
    }

    /** Any written state other than RUNNING/CANCELLING gives back the tag slots this task run holds. */
    public static final class ReleaseTaskConcurrencySlots extends UniversalTransform<TaskRun> {
        @Override
        protected void after(OrchestrationContext<TaskRun> ctx) {
            StateType validated = ctx.validatedState().type();
            TaskRun run = ctx.run();
            if (validated == StateType.RUNNING || validated == StateType.CANCELLING || run.tags().isEmpty()) {
                return;
            }
            LeaseHolder holder = LeaseHolder.taskRun(run.id());
            // One lease spans all tag limits of the run: release each lease once.
            Map<UUID, Lease> held = new LinkedHashMap<>();
            for (ConcurrencyLimit limit : ctx.ports().concurrency().findLimitsByName(limitNames(run))) {
                for (Lease lease : ctx.ports().leases().leasesHeldBy(limit.id(), holder)) {
                    held.putIfAbsent(lease.id(), lease);
                }
            }
            for (Lease lease : held.values()) {
                ctx.ports().concurrency().releaseSlots(lease.resourceIds(), lease.slots(), null);
                ctx.ports().leases().revokeLease(lease.id());
            }
        }
    }
}
