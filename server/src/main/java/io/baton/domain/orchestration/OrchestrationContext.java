package io.baton.domain.orchestration;

import io.baton.domain.orchestration.port.OrchestrationPorts;
import io.baton.domain.orchestration.port.OrchestrationSettings;
import io.baton.domain.run.Run;
import io.baton.domain.run.RunBookkeeping;
import io.baton.domain.state.State;
import io.baton.domain.state.StateType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The mutable working set of one orchestration: the run as it will be written back, the initial and proposed
 * states, the response status and the side effects collected so far. Rules change it only through their
 * primitives and the setters below.
 */
public final class OrchestrationContext<R extends Run> {
    private final OrchestrationPorts ports;
    private final ClientInfo client;
    private final Instant now;
    private final State initialState;
    private final StateType intendedFrom;
    private final StateType intendedTo;
    private R run;
    private State proposedState;
    private State validatedState;
    private SetStateStatus status = SetStateStatus.ACCEPT;
    private ResponseDetails details = ResponseDetails.ACCEPT;
    private RuntimeException error;
    private final List<SideEffect> sideEffects = new ArrayList<>();

    public OrchestrationContext(OrchestrationPorts ports, ClientInfo client, Instant now, R run, State initialState,
                                State proposedState) {
        this.ports = ports;
        this.client = client == null ? ClientInfo.UNKNOWN : client;
        this.now = now;
        this.run = run;
        this.initialState = initialState;
        this.proposedState = proposedState;
        this.intendedFrom = State.typeOf(initialState);
        this.intendedTo = State.typeOf(proposedState);
    }

    /** The transition as requested, before any rule changed it. */
    public StateType intendedFrom() {
        return intendedFrom;
    }

    public StateType intendedTo() {
        return intendedTo;
    }

    public OrchestrationPorts ports() {
        return ports;
    }

    public OrchestrationSettings settings() {
        return ports.settings();
    }

    public ClientInfo client() {
        return client;
    }

    /** The orchestration's single notion of "now", read once from the clock. */
    public Instant now() {
        return now;
    }

    public R run() {
        return run;
    }

    public void updateRun(UnaryOperator<R> change) {
        run = change.apply(run);
    }

    @SuppressWarnings("unchecked")
    public void updateBookkeeping(UnaryOperator<RunBookkeeping> change) {
        run = (R) run.withBookkeeping(change.apply(run.bookkeeping()));
    }

    public State initialState() {
        return initialState;
    }

    public StateType initialType() {
        return State.typeOf(initialState);
    }

    public State proposedState() {
        return proposedState;
    }

    public StateType proposedType() {
        return State.typeOf(proposedState);
    }

    /** Replaces the proposed state with an edited copy of itself (details, name, timestamp). */
    public void reviseProposed(UnaryOperator<State> change) {
        if (proposedState == null) {
            throw new IllegalStateException("no proposed state to revise");
        }
        State revised = change.apply(proposedState);
        if (revised.type() != proposedState.type()) {
            throw new IllegalArgumentException("revising must not change the state type; reject instead");
        }
        proposedState = revised;
    }

    /** The state written by this orchestration, or the current state when the proposal was nulled. */
    public State validatedState() {
        return validatedState;
    }

    public SetStateStatus status() {
        return status;
    }

    public ResponseDetails details() {
        return details;
    }

    public void addSideEffect(SideEffect effect) {
        sideEffects.add(effect);
    }

    public List<SideEffect> sideEffects() {
        return List.copyOf(sideEffects);
    }

    public boolean hasError() {
        return error != null;
    }

    RuntimeException error() {
        return error;
    }

    void respond(SetStateStatus status, ResponseDetails details, State proposed) {
        this.status = status;
        this.details = details;
        this.proposedState = proposed;
    }

    void fail(RuntimeException e, String reason) {
        error = e;
        respond(SetStateStatus.ABORT, new ResponseDetails.Abort(reason), null);
    }

    void validate() {
        if (proposedState != null) {
            validatedState = proposedState;
            updateBookkeeping(b -> b.withStateId(proposedState.id()));
        } else {
            validatedState = initialState;
        }
    }
}
