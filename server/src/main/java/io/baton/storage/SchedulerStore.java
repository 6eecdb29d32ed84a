package io.baton.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.schedule.ScheduledRun;
import io.baton.domain.schedule.SchedulerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The scheduler services' storage: which deployments need runs, idempotent inserts of scheduled runs, and
 * marking overdue runs Late. Every operation is safe to run from several replicas at once.
 */
public interface SchedulerStore {

    /** A scheduled flow run ready to insert: the schedule's fields plus the deployment-derived ones. */
    record RunRow(UUID id, String name, UUID flowId, UUID deploymentId, String deploymentVersion, String workQueueName,
            UUID workQueueId, UUID infrastructureDocumentId, JsonNode labels, ScheduledRun run) {}

    /**
     * Non-paused deployments (ids after {@code afterId}, ascending, at most {@code limit}) with an active schedule
     * that has fewer than {@code min_runs} future auto-scheduled runs or whose latest one starts before
     * {@code now + min_scheduled_time}. With {@code changedSince}, only deployments or schedules updated since.
     */
    List<UUID> deploymentsNeedingRuns(Instant now, SchedulerSettings settings, UUID afterId, int limit, Instant changedSince);

    /**
     * Inserts the runs that do not exist yet (by flow and idempotency key) with their Scheduled state, in one
     * transaction; nothing is inserted when the deployment is gone or paused meanwhile.
     *
     * @return how many runs were inserted
     */
    int insertScheduledRuns(UUID deploymentId, List<RunRow> runs, Instant now);

    /**
     * Up to {@code limit} runs in state exactly {@code Scheduled} whose start is at least {@code after} in the
     * past get a {@code Late} state (type SCHEDULED, same scheduled time).
     *
     * @return how many runs were marked
     */
    int markLateRuns(Instant now, Duration after, int limit);
}
