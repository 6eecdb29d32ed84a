package io.baton.domain.orchestration;

import io.baton.domain.run.Run;
import io.baton.domain.state.State;
import io.baton.domain.state.StateType;

/**
 * One orchestration rule. A fresh instance serves one orchestration: it remembers the transition it was built
 * for and may keep fields between its before-hook and its after/cleanup hooks.
 *
 * <p>On entry the rule is <em>invalid</em> (runs nothing) if its FROM/TO sets do not match the intended
 * transition or an earlier rule already changed the proposed state. A rule whose before-hook ran but whose
 * transition was changed afterwards by another rule has <em>fizzled</em>: it runs {@link #cleanup} instead of
 * {@link #after}. The rule's own reject/delay/abort retarget it so it never fizzles itself.
 */
public abstract class OrchestrationRule<R extends Run> {
    private StateType fromType;
    private StateType toType;
    private boolean invalidOnEntry;

    protected abstract TypeSet fromStates();

    protected abstract TypeSet toStates();

    /** Runs before the proposed state is validated; may reject, delay, abort, rename or edit. */
    protected void before(OrchestrationContext<R> ctx) {}

    /** Runs after validation when this rule's transition still holds. */
    protected void after(OrchestrationContext<R> ctx) {}

    /** Runs instead of {@link #after} when another rule changed the transition after this one's before-hook. */
    protected void cleanup(OrchestrationContext<R> ctx) {}

    // ---- primitives ----

    /**
     * REJECT. With a state, that state becomes the proposal (and is written); with null nothing is written and the
     * run keeps its current state, which needs one.
     */
    protected final void reject(OrchestrationContext<R> ctx, State replacement, String reason) {
        if (replacement == null && fromType == null) {
            throw new IllegalStateException(
                    "The current run has no state and this transition cannot be rejected without providing a new state.");
        }
        toType = State.typeOf(replacement);
        ctx.respond(SetStateStatus.REJECT, new ResponseDetails.Reject(reason), replacement);
    }

    /** WAIT: nothing is written; the client retries after {@code seconds}. */
    protected final void delay(OrchestrationContext<R> ctx, long seconds, String reason) {
        toType = null;
        ctx.respond(SetStateStatus.WAIT, new ResponseDetails.Wait(seconds, reason), null);
    }

    /** ABORT: nothing is written; the client stops driving the run. */
    protected final void abort(OrchestrationContext<R> ctx, String reason) {
        toType = null;
        ctx.respond(SetStateStatus.ABORT, new ResponseDetails.Abort(reason), null);
    }

    /** Changes only the proposed state's name. */
    protected final void rename(OrchestrationContext<R> ctx, String name) {
        ctx.reviseProposed(s -> s.withName(name));
    }

    // ---- engine protocol ----

    boolean appliesTo(StateType from, StateType to) {
        return fromStates().contains(from) && toStates().contains(to);
    }

    void bind(StateType from, StateType to) {
        this.fromType = from;
        this.toType = to;
    }

    private boolean transitionChanged(OrchestrationContext<R> ctx) {
        return ctx.initialType() != fromType || ctx.proposedType() != toType;
    }

    void enter(OrchestrationContext<R> ctx) {
        invalidOnEntry = !appliesTo(fromType, toType) || transitionChanged(ctx);
        if (invalidOnEntry) {
            return;
        }
        try {
            before(ctx);
        } catch (RuntimeException e) {
            ctx.fail(e, "Aborting orchestration due to error in " + getClass().getSimpleName() + ": " + e);
        }
    }

    void exit(OrchestrationContext<R> ctx) {
        if (invalidOnEntry) {
            return;
        }
        if (transitionChanged(ctx)) {
            cleanup(ctx);
        } else {
            after(ctx);
        }
    }
}
