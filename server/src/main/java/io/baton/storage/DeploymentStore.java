package io.baton.storage;

import io.baton.domain.Upserted;
import io.baton.domain.deployment.Deployment;
import io.baton.domain.deployment.DeploymentSchedule;
import io.baton.domain.deployment.DeploymentWrite;
import io.baton.domain.deployment.ScheduleChanges;
import io.baton.domain.deployment.ScheduleSpec;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.work.WorkQueue;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Deployments and their schedules. Every write that changes what a deployment schedules removes its future
 * auto-scheduled runs in the same transaction, so the scheduler regenerates them from the new definition.
 */
public interface DeploymentStore {

    /**
     * Inserts or updates the deployment on (flow, name): replaces its schedules, deletes its future
     * auto-scheduled runs and creates, updates or deletes its {@code deployment:<id>} limit, in one transaction.
     *
     * @throws ObjectNotFoundException for an unknown work pool
     * @throws ObjectConflictException for an unknown block document or flow
     */
    Upserted<Deployment> upsert(DeploymentWrite write);

    /** Applies the set fields; false when the deployment does not exist. */
    boolean update(UUID id, DeploymentWrite changes);

    Optional<Deployment> read(UUID id);

    Optional<Deployment> readByName(String flowName, String deploymentName);

    /** Deletes the deployment, its SCHEDULED runs and its limit. */
    boolean delete(UUID id);

    List<Deployment> filter(Query query);

    long count(Criterion criterion);

    List<UUID> bulkDelete(Criterion criterion, int limit);

    /** Pausing also deletes the deployment's auto-scheduled SCHEDULED runs; false when it does not exist. */
    boolean setPaused(UUID id, boolean paused);

    Optional<List<DeploymentSchedule>> schedules(UUID deploymentId);

    /** @return empty when the deployment does not exist */
    Optional<List<DeploymentSchedule>> addSchedules(UUID deploymentId, List<ScheduleSpec> schedules);

    boolean updateSchedule(UUID deploymentId, UUID scheduleId, ScheduleChanges changes);

    boolean deleteSchedule(UUID deploymentId, UUID scheduleId);

    /** Legacy tag-filtered queues whose filter would pick up the deployment's runs. */
    Optional<List<WorkQueue>> workQueueCheck(UUID deploymentId);
}
