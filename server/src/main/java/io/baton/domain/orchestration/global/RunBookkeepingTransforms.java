package io.baton.domain.orchestration.global;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.UniversalTransform;
import io.baton.domain.run.Run;
import io.baton.domain.state.State;
import io.baton.domain.state.StateType;

import java.time.Duration;

/** The bookkeeping transforms flow runs and task runs share, in their global-policy order. */
public final class RunBookkeepingTransforms {
    private RunBookkeepingTransforms() {}

    /** {@code state_type} follows the proposed state. */
    public static final class SetRunStateType<R extends Run> extends UniversalTransform<R> {
        @Override
        protected void before(OrchestrationContext<R> ctx) {
            ctx.updateBookkeeping(b -> b.withStateType(ctx.proposedType()));
        }
    }

    /** {@code state_name} follows the proposed state. */
    public static final class SetRunStateName<R extends Run> extends UniversalTransform<R> {
        @Override
        protected void before(OrchestrationContext<R> ctx) {
            ctx.updateBookkeeping(b -> b.withStateName(ctx.proposedState().name()));
        }
    }

    /** {@code state_timestamp} follows the proposed state. */
    public static final class SetRunStateTimestamp<R extends Run> extends UniversalTransform<R> {
        @Override
        protected void before(OrchestrationContext<R> ctx) {
            ctx.updateBookkeeping(b -> b.withStateTimestamp(ctx.proposedState().timestamp()));
        }
    }

    /** The first RUNNING state marks the start. */
    public static final class SetStartTime<R extends Run> extends UniversalTransform<R> {
        @Override
        protected void before(OrchestrationContext<R> ctx) {
            State proposed = ctx.proposedState();
            if (proposed.is(StateType.RUNNING) && ctx.run().bookkeeping().startTime() == null) {
                ctx.updateBookkeeping(b -> b.withStartTime(proposed.timestamp()));
            }
        }
    }

    /**
     * Leaving a final state for a non-final one clears {@code end_time}; the first final state sets it (and a
     * missing start time). Final -> final keeps the first end time.
     */
    public static final class SetEndTime<R extends Run> extends UniversalTransform<R> {
        @Override
        protected void before(OrchestrationContext<R> ctx) {
            State proposed = ctx.proposedState();
            if (StateType.isFinal(ctx.initialType()) && !proposed.isFinal()) {
                ctx.updateBookkeeping(b -> b.withEndTime(null));
            }
            if (proposed.isFinal()) {
                ctx.updateBookkeeping(b -> {
                    var out = b;
                    if (out.startTime() == null) {
                        out = out.withStartTime(proposed.timestamp());
                    }
                    if (out.endTime() == null) {
                        out = out.withEndTime(proposed.timestamp());
                    }
                    return out;
                });
            }
        }
    }

    /** Time spent RUNNING accumulates when the run leaves RUNNING (or re-enters it). */
    public static final class IncrementRunTime<R extends Run> extends UniversalTransform<R> {
        @Override
        protected void before(OrchestrationContext<R> ctx) {
            State initial = ctx.initialState();
            if (initial != null && initial.is(StateType.RUNNING)) {
                Duration ran = Duration.between(initial.timestamp(), ctx.proposedState().timestamp());
                ctx.updateBookkeeping(b -> b.withTotalRunTime(b.totalRunTime().plus(ran)));
            }
        }
    }

    /** Set once: the scheduled time of a first SCHEDULED state, else the first state's timestamp. */
    public static final class SetExpectedStartTime<R extends Run> extends UniversalTransform<R> {
        @Override
        protected void before(OrchestrationContext<R> ctx) {
            if (ctx.run().bookkeeping().expectedStartTime() != null) {
                return;
            }
            State proposed = ctx.proposedState();
            var expected = proposed.is(StateType.SCHEDULED)
                    ? proposed.details().scheduledTime() : proposed.timestamp();
            ctx.updateBookkeeping(b -> b.withExpectedStartTime(expected));
        }
    }

    /** Mirrors the scheduled time while the run is SCHEDULED, cleared when it leaves SCHEDULED. */
    public static final class SetNextScheduledStartTime<R extends Run> extends UniversalTransform<R> {
        @Override
        protected void before(OrchestrationContext<R> ctx) {
            if (ctx.initialType() == StateType.SCHEDULED) {
                ctx.updateBookkeeping(b -> b.withNextScheduledStartTime(null));
            }
            State proposed = ctx.proposedState();
            if (proposed.is(StateType.SCHEDULED)) {
                ctx.updateBookkeeping(b -> b.withNextScheduledStartTime(proposed.details().scheduledTime()));
            }
        }
    }
}
