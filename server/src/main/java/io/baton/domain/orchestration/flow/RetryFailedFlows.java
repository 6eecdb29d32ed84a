package io.baton.domain.orchestration.flow;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.OrchestrationRule;
import io.baton.domain.orchestration.TypeSet;
import io.baton.domain.run.FlowRun;
import io.baton.domain.run.FlowRunPolicy;
import io.baton.domain.run.RetryType;
import io.baton.domain.state.State;
import io.baton.domain.state.StateDetails;
import io.baton.domain.state.StateType;

import java.time.Duration;
import java.util.Set;

/**
 * Flow retries are decided here: while retries remain, FAILED becomes SCHEDULED/AwaitingRetry (message and
 * result carried over) and the run is marked as retrying in process, which hides it from workers.
 */
public final class RetryFailedFlows extends OrchestrationRule<FlowRun> {
    public static final String AWAITING_RETRY = "AwaitingRetry";

    @Override
    protected TypeSet fromStates() {
        return TypeSet.of(StateType.RUNNING);
    }

    @Override
    protected TypeSet toStates() {
        return TypeSet.of(StateType.FAILED);
    }

    @Override
    protected void before(OrchestrationContext<FlowRun> ctx) {
        FlowRun run = ctx.run();
        FlowRunPolicy policy = run.empiricalPolicy();
        if (policy.retries() == null || run.runCount() > policy.retries()) {
            ctx.updateRun(r -> r.withEmpiricalPolicy(r.empiricalPolicy().withRetryType(null)));
            return;
        }
        if (ctx.client().apiAtLeast084()) {
            ctx.updateRun(r -> r.withEmpiricalPolicy(r.empiricalPolicy()
                    .withResuming(false).withPauseKeys(Set.of()).withRetryType(RetryType.IN_PROCESS)));
        }
        int delay = policy.retryDelay() == null ? 0 : policy.retryDelay();
        State proposed = ctx.proposedState();
        State retry = State.create(StateType.SCHEDULED, AWAITING_RETRY, ctx.now(), proposed.message(),
                proposed.data(), StateDetails.DEFAULT.withScheduledTime(ctx.now().plus(Duration.ofSeconds(delay))));
        reject(ctx, retry, "Retrying");
    }
}
