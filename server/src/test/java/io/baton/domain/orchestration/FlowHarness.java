package io.baton.domain.orchestration;

import io.baton.domain.orchestration.flow.FlowPolicies;
import io.baton.domain.run.FlowRun;
import io.baton.domain.state.State;
import io.baton.domain.state.StateCreate;

import java.util.ArrayList;
import java.util.List;

/** Plays the storage layer for one flow run: applies each outcome and keeps the state history. */
public final class FlowHarness {
    public final FakePorts fake;
    public FlowRun run;
    public State current;
    public final List<State> history = new ArrayList<>();
    public ClientInfo client = Fixtures.CLIENT_383;

    public FlowHarness(FakePorts fake, FlowRun run) {
        this.fake = fake;
        this.run = run;
    }

    public OrchestrationOutcome<FlowRun> propose(StateCreate proposal) {
        return apply(fake.engine().setFlowRunState(run, current, proposal, false, client));
    }

    public OrchestrationOutcome<FlowRun> force(StateCreate proposal) {
        return apply(fake.engine().setFlowRunState(run, current, proposal, true, client));
    }

    public OrchestrationOutcome<FlowRun> withPolicy(State proposed, Policy<FlowRun> policy) {
        return apply(fake.engine().orchestrateFlowRun(run, current, proposed, policy, client));
    }

    public OrchestrationOutcome<FlowRun> markLate() {
        return withPolicy(State.create(io.baton.domain.state.StateType.SCHEDULED, "Late", fake.clock.instant(), null,
                null, current == null ? null : current.details()), FlowPolicies.MARK_LATE);
    }

    private OrchestrationOutcome<FlowRun> apply(OrchestrationOutcome<FlowRun> outcome) {
        run = outcome.run();
        if (outcome.persistedState() != null) {
            current = outcome.persistedState();
            history.add(current);
            fake.takeTimestamp(run.id(), current.timestamp());
        }
        return outcome;
    }
}
