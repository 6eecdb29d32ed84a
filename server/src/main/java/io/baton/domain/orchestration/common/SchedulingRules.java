package io.baton.domain.orchestration.common;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.OrchestrationRule;
import io.baton.domain.orchestration.TypeSet;
import io.baton.domain.run.Run;
import io.baton.domain.state.StateType;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

    /** A run may not start before its scheduled time: WAIT for the remaining whole seconds. */
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
            Duration remaining = Duration.between(ctx.now(), scheduled);
            if (remaining.isNegative() || remaining.isZero()) {
                return;
            }
            delay(ctx, wholeSecondsHalfUp(remaining), REASON);
        }
    }

    /** Seconds of {@code d} rounded to an integer, halves rounded up (the client contract is an integer). */
    public static long wholeSecondsHalfUp(Duration d) {
        BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
        return seconds.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
