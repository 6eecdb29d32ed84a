package io.baton.domain.run;

import io.baton.domain.state.State;
import io.baton.domain.state.StateType;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The columns flow runs and task runs share and that the bookkeeping transforms maintain: the denormalized
 * current state, run count and timing.
 */
public record RunBookkeeping(UUID stateId, StateType stateType, String stateName, Instant stateTimestamp,
                             int runCount, Instant expectedStartTime, Instant nextScheduledStartTime,
                             Instant startTime, Instant endTime, Duration totalRunTime) {

    public static final RunBookkeeping EMPTY =
            new RunBookkeeping(null, null, null, null, 0, null, null, null, null, Duration.ZERO);

    public RunBookkeeping {
        if (totalRunTime == null) {
            totalRunTime = Duration.ZERO;
        }
    }

    /** The denormalized state columns taken from {@code state}. */
    public RunBookkeeping withState(State state) {
        return new RunBookkeeping(state.id(), state.type(), state.name(), state.timestamp(), runCount,
                expectedStartTime, nextScheduledStartTime, startTime, endTime, totalRunTime);
    }

    public RunBookkeeping withStateId(UUID v) {
        return new RunBookkeeping(v, stateType, stateName, stateTimestamp, runCount, expectedStartTime,
                nextScheduledStartTime, startTime, endTime, totalRunTime);
    }

    public RunBookkeeping withStateType(StateType v) {
        return new RunBookkeeping(stateId, v, stateName, stateTimestamp, runCount, expectedStartTime,
                nextScheduledStartTime, startTime, endTime, totalRunTime);
    }

    public RunBookkeeping withStateName(String v) {
        return new RunBookkeeping(stateId, stateType, v, stateTimestamp, runCount, expectedStartTime,
                nextScheduledStartTime, startTime, endTime, totalRunTime);
    }

    public RunBookkeeping withStateTimestamp(Instant v) {
        return new RunBookkeeping(stateId, stateType, stateName, v, runCount, expectedStartTime,
                nextScheduledStartTime, startTime, endTime, totalRunTime);
    }

    public RunBookkeeping withRunCount(int v) {
        return new RunBookkeeping(stateId, stateType, stateName, stateTimestamp, v, expectedStartTime,
                nextScheduledStartTime, startTime, endTime, totalRunTime);
    }

    public RunBookkeeping withExpectedStartTime(Instant v) {
        return new RunBookkeeping(stateId, stateType, stateName, stateTimestamp, runCount, v,
                nextScheduledStartTime, startTime, endTime, totalRunTime);
    }

    public RunBookkeeping withNextScheduledStartTime(Instant v) {
        return new RunBookkeeping(stateId, stateType, stateName, stateTimestamp, runCount, expectedStartTime, v,
                startTime, endTime, totalRunTime);
    }

    public RunBookkeeping withStartTime(Instant v) {
        return new RunBookkeeping(stateId, stateType, stateName, stateTimestamp, runCount, expectedStartTime,
                nextScheduledStartTime, v, endTime, totalRunTime);
    }

    public RunBookkeeping withEndTime(Instant v) {
        return new RunBookkeeping(stateId, stateType, stateName, stateTimestamp, runCount, expectedStartTime,
                nextScheduledStartTime, startTime, v, totalRunTime);
    }

    public RunBookkeeping withTotalRunTime(Duration v) {
        return new RunBookkeeping(stateId, stateType, stateName, stateTimestamp, runCount, expectedStartTime,
                nextScheduledStartTime, startTime, endTime, v);
    }

    /** {@code total_run_time} as the float seconds the wire uses. */
    public double totalRunTimeSeconds() {
        return totalRunTime.getSeconds() + totalRunTime.getNano() / 1e9;
    }
}
