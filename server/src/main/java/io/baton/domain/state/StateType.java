package io.baton.domain.state;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The nine run state types; COMPLETED, FAILED, CANCELLED and CRASHED are terminal ("final"). */
public enum StateType {
    SCHEDULED, PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, CRASHED, PAUSED, CANCELLING;

    public static final Set<StateType> TERMINAL = EnumSet.of(COMPLETED, FAILED, CANCELLED, CRASHED);

    public boolean isFinal() {
        return TERMINAL.contains(this);
    }

    /** Default state name: each {@code _}-separated part title-cased ({@code SCHEDULED} -> {@code Scheduled}). */
    public String defaultName() {
        StringBuilder out = new StringBuilder();
        for (String part : name().split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    /** Null-safe terminal test for an optional state type. */
    public static boolean isFinal(StateType type) {
        return type != null && type.isFinal();
    }
}
