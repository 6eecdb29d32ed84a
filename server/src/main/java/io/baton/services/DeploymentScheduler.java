package io.baton.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Ids;
import io.baton.domain.Times;
import io.baton.domain.deployment.Deployment;
import io.baton.domain.deployment.DeploymentSchedule;
import io.baton.domain.schedule.Schedule;
import io.baton.domain.schedule.ScheduledRun;
import io.baton.domain.schedule.ScheduledRuns;
import io.baton.domain.schedule.SchedulerSettings;
import io.baton.storage.DeploymentStore;
import io.baton.storage.SchedulerStore;
import io.baton.storage.SchedulerStore.RunRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates scheduled runs for deployment schedules. Inserts are idempotent on the run's idempotency key,
 * so any number of passes, replicas or backfills may overlap without creating a duplicate.
 */
public final class DeploymentScheduler {

    private static final Logger log = LoggerFactory.getLogger(DeploymentScheduler.class);

    private final DeploymentStore deployments;
    private final SchedulerStore store;
    private final SchedulerSettings settings;
    private final int deploymentBatchSize;
    private final int insertBatchSize;
    private final Clock clock;

    public DeploymentScheduler(DeploymentStore deployments, SchedulerStore store, SchedulerSettings settings,
            int deploymentBatchSize, int insertBatchSize) {
        this(deployments, store, settings, deploymentBatchSize, insertBatchSize, Times.CLOCK);
    }

    /** {@code clock} is "now" for the periodic passes: where generated schedules start. */
    public DeploymentScheduler(DeploymentStore deployments, SchedulerStore store, SchedulerSettings settings,
            int deploymentBatchSize, int insertBatchSize, Clock clock) {
        this.clock = clock;
        this.deployments = deployments;
        this.store = store;
        this.settings = settings;
        this.deploymentBatchSize = deploymentBatchSize;
        this.insertBatchSize = insertBatchSize;
    }

    /**
     * One pass over the deployments that need runs (only those changed since {@code changedSince} when given).
     *
     * @return how many runs were inserted
     */
    public int schedule(Instant now, Instant changedSince) {
        int inserted = 0;
        UUID after = null;
        while (true) {
            List<UUID> page = store.deploymentsNeedingRuns(now, settings, after, deploymentBatchSize, changedSince);
            for (UUID id : page) {
                Deployment deployment = deployments.read(id).orElse(null);
                if (deployment != null) {
                    inserted += insert(deployment, plan(deployment, now, settings), now);
                }
            }
            if (page.size() < deploymentBatchSize) {
                return inserted;
            }
            after = page.getLast();
        }
    }

    /**
     * {@code POST /deployments/{id}/schedule}: runs of every active schedule from {@code start}, with the pass
     * limits overridden where given ({@code end} defaults to start + max scheduled time).
     */
    public int backfill(Deployment deployment, Instant start, Instant end, Duration minTime, Integer minRuns,
            Integer maxRuns) {
        Duration horizon = end == null ? settings.maxScheduledTime() : Duration.between(start, end);
        SchedulerSettings window = new SchedulerSettings(
                minRuns == null ? settings.minRuns() : minRuns,
                maxRuns == null ? settings.maxRuns() : maxRuns,
                minTime == null ? settings.minScheduledTime() : minTime,
                horizon.isNegative() ? Duration.ZERO : horizon);
        return insert(deployment, plan(deployment, start, window), now());
    }

    private static List<RunRow> plan(Deployment d, Instant from, SchedulerSettings limits) {
        List<RunRow> rows = new ArrayList<>();
        for (DeploymentSchedule s : d.schedules()) {
            if (!s.active()) {
                continue;
            }
            List<ScheduledRun> runs;
            try {
                Schedule schedule = Schedule.fromJson(s.schedule(), s.created()).orThrow();
                runs = ScheduledRuns.plan(d.id(), d.tags(), d.parameters(), s.id(), s.slug(), schedule, s.parameters(),
                        from, limits);
            } catch (RuntimeException e) {
                log.warn("Skipping schedule {} of deployment {}: {}", s.id(), d.id(), e.getMessage());
                continue;
            }
            for (ScheduledRun run : runs) {
                // Scheduled runs name their queue by id only: a worker's poll shows their work_queue_name as null.
                rows.add(new RunRow(Ids.uuid7(), RunNames.next(), d.flowId(), d.id(), d.version(), null,
                        d.workQueueId(), d.infrastructureDocumentId(), labels(d), run));
            }
        }
        return rows;
    }

    private static ObjectNode labels(Deployment d) {
        ObjectNode labels = d.labels() instanceof ObjectNode o ? o.deepCopy() : io.baton.json.Json.object();
        labels.put("prefect.deployment.id", d.id().toString());
        return labels;
    }

    private int insert(Deployment deployment, List<RunRow> rows, Instant now) {
        int inserted = 0;
        for (int i = 0; i < rows.size(); i += insertBatchSize) {
            inserted += store.insertScheduledRuns(deployment.id(), rows.subList(i, Math.min(rows.size(), i + insertBatchSize)), now);
        }
        return inserted;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The periodic full pass ({@code schedule_deployments}). */
    public PeriodicJob service(Duration loop) {
        return new PeriodicJob() {
            public String name() {
                return "scheduler";
            }

            public Duration interval() {
                return loop;
            }

            public void runOnce() {
                schedule(now(), null);
            }
        };
    }

    /** The fast pass for recently created or changed deployments ({@code schedule_recent_deployments}). */
    public PeriodicJob recentService(Duration loop) {
        return new PeriodicJob() {
            public String name() {
                return "recent-deployments-scheduler";
            }

            public Duration interval() {
                return loop;
            }

            public void runOnce() {
                Instant now = now();
                schedule(now, now.minus(loop).minusSeconds(1));
            }
        };
    }
}
