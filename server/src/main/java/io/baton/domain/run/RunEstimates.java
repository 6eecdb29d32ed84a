package io.baton.domain.run;

import io.baton.domain.state.StateType;
import java.time.Duration;
import java.time.Instant;

/** The read-time estimates of a run, never stored. */
public final class RunEstimates {

    private RunEstimates() {}

    /** Total run time plus, while RUNNING, the time since the state was entered. */
    public static Duration estimatedRunTime(RunBookkeeping b, Instant now) {
        if (b.stateType() == StateType.RUNNING && b.stateTimestamp() != null) {
            return b.totalRunTime().plus(Duration.between(b.stateTimestamp(), now));
        }
        return b.totalRunTime();
    }

    /** How late the run started, or (not started, not final, due in the past) how late it is so far. */
    public static Duration estimatedStartTimeDelta(RunBookkeeping b, Instant now) {
        Instant expected = b.expectedStartTime();
        if (b.startTime() != null && expected != null && b.startTime().isAfter(expected)) {
            return Duration.between(expected, b.startTime());
        }
        if (b.startTime() == null && expected != null && expected.isBefore(now) && !StateType.isFinal(b.stateType())) {
            return Duration.between(expected, now);
        }
        return Duration.ZERO;
    }
}
