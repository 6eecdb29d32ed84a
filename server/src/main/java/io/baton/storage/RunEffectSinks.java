package io.baton.storage;

import io.baton.events.CommittedEvents;
import java.util.UUID;

/**
 * Where the side effects of run orchestration go once the transition has committed: flow-run state events
 * (stored with the transition, delivered to subscribers now),
 * deferred task runs for task workers and cancelling-timeout checks. Each defaults to doing nothing.
 */
public record RunEffectSinks(CommittedEvents events, DeferredTaskQueue deferredTasks,
                             CancellingTimeoutChecks cancellingChecks) {

    public static final RunEffectSinks NONE =
            new RunEffectSinks(CommittedEvents.NONE, DeferredTaskQueue.NONE, CancellingTimeoutChecks.NONE);

    public RunEffectSinks {
        events = events == null ? CommittedEvents.NONE : events;
        deferredTasks = deferredTasks == null ? DeferredTaskQueue.NONE : deferredTasks;
        cancellingChecks = cancellingChecks == null ? CancellingTimeoutChecks.NONE : cancellingChecks;
    }

    public RunEffectSinks withEvents(CommittedEvents v) {
        return new RunEffectSinks(v, deferredTasks, cancellingChecks);
    }

    /** Delivers deferred task runs ({@code .delay()}) to the task workers subscribed to their task key. */
    public interface DeferredTaskQueue {
        void enqueue(UUID taskRunId, String taskKey, boolean retry);

        DeferredTaskQueue NONE = (taskRunId, taskKey, retry) -> { };
    }

    /** Arranges a later check that a run which entered CANCELLING did not get stuck there. */
    public interface CancellingTimeoutChecks {
        void schedule(UUID flowRunId, UUID cancellingStateId);

        CancellingTimeoutChecks NONE = (flowRunId, cancellingStateId) -> { };
    }

    /**
     * Forwards cancelling-timeout checks to whatever is attached (the cancellation-cleanup service when services
     * run); checks arriving while nothing is attached are dropped, the service's periodic scan finds those runs.
     */
    public static final class CancellingChecksRelay implements CancellingTimeoutChecks {
        private volatile CancellingTimeoutChecks target = CancellingTimeoutChecks.NONE;

        public void attach(CancellingTimeoutChecks target) {
            this.target = target == null ? CancellingTimeoutChecks.NONE : target;
        }

        @Override
        public void schedule(UUID flowRunId, UUID cancellingStateId) {
            target.schedule(flowRunId, cancellingStateId);
        }
    }
}
