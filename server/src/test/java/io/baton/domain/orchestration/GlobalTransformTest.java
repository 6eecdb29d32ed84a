package io.baton.domain.orchestration;

import io.baton.domain.run.FlowRun;
import io.baton.domain.run.FlowRunPolicy;
import io.baton.domain.run.RunBookkeeping;
import io.baton.domain.state.State;
import io.baton.domain.state.StateDetails;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.baton.domain.orchestration.Fixtures.*;
import static io.baton.domain.state.StateType.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The global bookkeeping transforms, run with an empty policy. */
class GlobalTransformTest {
    private final FakePorts fake = new FakePorts();
    private final Policy<FlowRun> none = new Policy<>("none", List.of());
    private final Instant t = fake.clock.instant();

    private FlowRun transition(FlowRun run, State initial, State proposed) {
        return fake.engine().orchestrateFlowRun(run, initial, proposed, none, CLIENT_383).run();
    }

    @Test
    void leavingFinalClearsEndTimeAndFinalToFinalKeepsIt() {
        State failed = state(FAILED, t.minusSeconds(5));
        FlowRun run = at(flowRun(), failed).withBookkeeping(at(flowRun(), failed).bookkeeping()
                .withEndTime(t.minusSeconds(5)).withStartTime(t.minusSeconds(9)));
        assertThat(transition(run, failed, state(RUNNING, t)).bookkeeping().endTime()).isNull();
        assertThat(transition(run, failed, state(CRASHED, t)).bookkeeping().endTime()).isEqualTo(t.minusSeconds(5));
    }

    @Test
    void firstFinalStateSetsStartAndEnd() {
        FlowRun out = transition(flowRun(), null, state(CANCELLED, t));
        assertThat(out.bookkeeping().startTime()).isEqualTo(t);
        assertThat(out.bookkeeping().endTime()).isEqualTo(t);
    }

    @Test
    void runTimeAccumulatesOnlyFromRunning() {
        State running = state(RUNNING, t.minusSeconds(3));
        FlowRun run = at(flowRun(), running);
        assertThat(transition(run, running, state(PAUSED, t)).bookkeeping().totalRunTime()).isEqualTo(Duration.ofSeconds(3));
        State pending = state(PENDING, t.minusSeconds(3));
        assertThat(transition(at(flowRun(), pending), pending, state(RUNNING, t)).bookkeeping().totalRunTime())
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void expectedAndNextScheduledStartTimes() {
        Instant due = t.plusSeconds(60);
        FlowRun scheduled = transition(flowRun(), null, state(SCHEDULED, t, StateDetails.DEFAULT.withScheduledTime(due)));
        assertThat(scheduled.bookkeeping().expectedStartTime()).isEqualTo(due);
        assertThat(scheduled.bookkeeping().nextScheduledStartTime()).isEqualTo(due);
        State current = state(SCHEDULED, t, StateDetails.DEFAULT.withScheduledTime(due));
        FlowRun pending = transition(scheduled, current, state(PENDING, t.plusSeconds(1)));
        assertThat(pending.bookkeeping().nextScheduledStartTime()).isNull();
        assertThat(pending.bookkeeping().expectedStartTime()).isEqualTo(due);
    }

    @Test
    void runCountSkipsResumingAndResumingIsCleared() {
        FlowRun resuming = flowRun().withEmpiricalPolicy(FlowRunPolicy.DEFAULT.withResuming(true))
                .withBookkeeping(RunBookkeeping.EMPTY.withRunCount(1));
        FlowRun out = transition(resuming, state(PENDING, t.minusSeconds(1)), state(RUNNING, t));
        assertThat(out.runCount()).isEqualTo(1);
        assertThat(out.empiricalPolicy().isResuming()).isFalse();
        // Older API clients always count.
        FlowRun old = fake.engine().orchestrateFlowRun(resuming, state(PENDING, t.minusSeconds(1)), state(RUNNING, t),
                none, new ClientInfo(null, PrefectVersion.of("0.8.3"))).run();
        assertThat(old.runCount()).isEqualTo(2);
    }

    @Test
    void nullifiedTransitionsLeaveTheRunAlone() {
        State pending = state(PENDING, t.minusSeconds(1));
        FlowRun run = at(flowRun(), pending);
        var out = fake.engine().setFlowRunState(run, pending, propose(PENDING), false, CLIENT_383);
        assertThat(out.result().status()).isEqualTo(SetStateStatus.ABORT);
        assertThat(out.run()).isEqualTo(run);
        assertThat(out.sideEffects()).isEmpty();
        assertThat(out.httpStatus()).isEqualTo(200);
    }
}
