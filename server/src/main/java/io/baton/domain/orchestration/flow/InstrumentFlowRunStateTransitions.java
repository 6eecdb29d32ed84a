package io.baton.domain.orchestration.flow;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.SideEffect;
import io.baton.domain.orchestration.UniversalTransform;
import io.baton.domain.run.FlowRun;

/** Every written flow-run state is announced as a {@code prefect.flow-run.<StateName>} event. */
public final class InstrumentFlowRunStateTransitions extends UniversalTransform<FlowRun> {
    @Override
    protected void after(OrchestrationContext<FlowRun> ctx) {
        ctx.addSideEffect(new SideEffect.EmitFlowRunStateEvent(ctx.run().id(), ctx.initialState(),
                ctx.validatedState(), ctx.intendedFrom(), ctx.intendedTo()));
    }
}
