package io.baton.domain.orchestration.task;

import io.baton.domain.orchestration.Policy;
import io.baton.domain.orchestration.common.PreventPendingTransitions;
import io.baton.domain.orchestration.common.SchedulingRules.CopyScheduledTime;
import io.baton.domain.orchestration.common.SchedulingRules.WaitForScheduledTime;
import io.baton.domain.orchestration.concurrency.TaskTagConcurrencyRules.ReleaseTaskConcurrencySlots;
import io.baton.domain.orchestration.concurrency.TaskTagConcurrencyRules.SecureTaskConcurrencySlots;
import io.baton.domain.orchestration.task.BackgroundTaskRules.CopyTaskParametersId;
import io.baton.domain.orchestration.task.BackgroundTaskRules.EnqueueScheduledTasks;
import io.baton.domain.orchestration.task.TaskCacheRules.CacheInsertion;
import io.baton.domain.orchestration.task.TaskCacheRules.CacheRetrieval;
import io.baton.domain.orchestration.task.TaskRetryRules.RenameReruns;
import io.baton.domain.orchestration.task.TaskRetryRules.RetryFailedTasks;
import io.baton.domain.orchestration.task.TaskRetryRules.UpdateFlowRunTrackerOnTasks;
import io.baton.domain.orchestration.task.TaskTransitionGuards.HandleTaskTerminalStateTransitions;
import io.baton.domain.orchestration.task.TaskTransitionGuards.PreventRunningTasksFromStoppedFlows;
import io.baton.domain.run.TaskRun;

import java.util.List;

/** Task-run policies; the global task transforms are appended by the engine. No task policy emits events. */
public final class TaskPolicies {
    private TaskPolicies() {}

    public static final Policy<TaskRun> CORE = new Policy<>("CoreTaskPolicy", List.of(
            CacheRetrieval::new,
            HandleTaskTerminalStateTransitions::new,
            PreventRunningTasksFromStoppedFlows::new,
            SecureTaskConcurrencySlots::new,
            CopyScheduledTime<TaskRun>::new,
            WaitForScheduledTime<TaskRun>::new,
            RetryFailedTasks::new,
            RenameReruns::new,
            UpdateFlowRunTrackerOnTasks::new,
            CacheInsertion::new,
            ReleaseTaskConcurrencySlots::new));

    /** Deferred tasks: no tag concurrency, no stopped-flow guard, queued for task workers when SCHEDULED. */
    public static final Policy<TaskRun> BACKGROUND = new Policy<>("BackgroundTaskPolicy", List.of(
            PreventPendingTransitions<TaskRun>::new,
            CacheRetrieval::new,
            HandleTaskTerminalStateTransitions::new,
            CopyScheduledTime<TaskRun>::new,
            CopyTaskParametersId::new,
            WaitForScheduledTime<TaskRun>::new,
            RetryFailedTasks::new,
            RenameReruns::new,
            UpdateFlowRunTrackerOnTasks::new,
            CacheInsertion::new,
            ReleaseTaskConcurrencySlots::new,
            EnqueueScheduledTasks::new));

    public static final Policy<TaskRun> MINIMAL = new Policy<>("MinimalTaskPolicy", List.of(
            ReleaseTaskConcurrencySlots::new));

    /** A deferred proposal selects the background policy, even over force. */
    public static Policy<TaskRun> forSetState(boolean force, boolean deferred) {
        if (deferred) {
            return BACKGROUND;
        }
        return force ? MINIMAL : CORE;
    }
}
