package io.baton.domain.orchestration.common;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.OrchestrationRule;
import io.baton.domain.orchestration.TypeSet;
import io.baton.domain.run.Run;
import io.baton.domain.state.StateType;

import java.time.Duration;
import java.time.Instant;

/** Rules about scheduled times, shared by flow and task policies. */
public final class SchedulingRules {
    private SchedulingRules() {}

    /** SCHEDULED -> PENDING keeps the scheduled time when the proposal has none. */
    public static final class CopyScheduledTime<R extends Run> extends OrchestrationRule<R> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.of(StateType.SCHEDULED);
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.PENDING);
        }

        @Override
        protected void before(OrchestrationContext<R> ctx) {
            if (ctx.proposedState().details().scheduledTime() == null) {
                Instant scheduled = ctx.initialState().details().scheduledTime();
                ctx.reviseProposed(s -> s.withDetails(s.details().withScheduledTime(scheduled)));
            }
        }
    }

    /**
     * A run may not start before its scheduled time: WAIT for the remaining seconds, rounded to an integer (the
     * client contract). A remainder that rounds to zero is no wait at all: a runner that prefetches proposes RUNNING
     * a fraction of a second early and is accepted.
     */
    public static final class WaitForScheduledTime<R extends Run> extends OrchestrationRule<R> {
        public static final String REASON = "Scheduled time is in the future";

        @Override
        protected TypeSet fromStates() {
            return TypeSet.of(StateType.SCHEDULED, StateType.PENDING);
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.RUNNING);
        }

        @Override
        protected void before(OrchestrationContext<R> ctx) {
            Instant scheduled = ctx.initialState().details().scheduledTime();
            if (scheduled == null) {
                return;
            }
            long seconds = wholeSeconds(Duration.between(ctx.now(), scheduled));
            if (seconds > 0) {
                delay(ctx, seconds, REASON);
            }
        }
    }

    /**
     * Seconds of {@code d} as Prefect counts them: the whole seconds, plus one when the fraction is more than a half
     * (an exact half rounds to even, which for a fraction is down).
     */
    public static long wholeSeconds(Duration d) {
        // Duration keeps floor seconds and a non-negative nano fraction, as Python's timedelta does.
        return d.getSeconds() + (d.getNano() > 500_000_000 ? 1 : 0);
    }
}
