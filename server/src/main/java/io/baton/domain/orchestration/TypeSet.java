package io.baton.domain.orchestration;

import io.baton.domain.state.StateType;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** A rule's FROM or TO set: state types, plus whether "no state" (null) belongs to it. */
public record TypeSet(Set<StateType> types, boolean includesNone) {

    public static final TypeSet ANY = new TypeSet(EnumSet.allOf(StateType.class), true);
    public static final TypeSet TERMINAL = new TypeSet(StateType.TERMINAL, false);

    /**
     * Rules build their sets on every call of {@code fromStates()}/{@code toStates()}, several times per
     * orchestration: a copied {@link EnumSet} (a bit mask) behind a read-only view keeps that cheap, where
     * {@code Set.copyOf} hashed every element.
     */
    public TypeSet {
        EnumSet<StateType> copy = EnumSet.noneOf(StateType.class);
        copy.addAll(types);
        types = Collections.unmodifiableSet(copy);
    }

    public static TypeSet of(StateType first, StateType... rest) {
        return new TypeSet(EnumSet.of(first, rest), false);
    }

    /** Every type except the given ones; "no state" included. */
    public static TypeSet anyExcept(StateType first, StateType... rest) {
        return new TypeSet(EnumSet.complementOf(EnumSet.of(first, rest)), true);
    }

    public boolean contains(StateType type) {
        return type == null ? includesNone : types.contains(type);
    }
}
