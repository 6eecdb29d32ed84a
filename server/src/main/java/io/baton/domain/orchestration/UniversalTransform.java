package io.baton.domain.orchestration;

import io.baton.domain.run.Run;

/**
 * A bookkeeping transform: matches every transition, never fizzles, and skips itself whenever the proposal has
 * been nulled (rejected to nothing, delayed, aborted). After-hooks are skipped when a before-hook failed.
 */
public abstract class UniversalTransform<R extends Run> extends OrchestrationRule<R> {

    @Override
    protected final TypeSet fromStates() {
        return TypeSet.ANY;
    }

    @Override
    protected final TypeSet toStates() {
        return TypeSet.ANY;
    }

    @Override
    void enter(OrchestrationContext<R> ctx) {
        if (ctx.proposedState() != null) {
            before(ctx);
        }
    }

    @Override
    void exit(OrchestrationContext<R> ctx) {
        if (!ctx.hasError() && ctx.proposedState() != null) {
            after(ctx);
        }
    }
}
