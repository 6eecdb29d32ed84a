package io.baton.domain.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A run state. {@code data} is arbitrary JSON (normally result metadata) or null. */
public record State(UUID id, StateType type, String name, Instant timestamp, String message, JsonNode data,
                    StateDetails details) {

    public State {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        if (name == null) {
            name = type.defaultName();
        }
        if (details == null) {
            details = StateDetails.DEFAULT;
        }
        // A scheduled state always knows when it is due.
        if (type == StateType.SCHEDULED && details.scheduledTime() == null) {
            details = details.withScheduledTime(timestamp);
        }
    }

    /** A server-minted state: new UUIDv7 id and {@code timestamp = now}. */
    public static State create(StateType type, String name, Instant now, String message, JsonNode data,
                               StateDetails details) {
        return new State(Ids.uuid7(now), type, name, now, message, data, details);
    }

    public static State of(StateType type, Instant now) {
        return create(type, null, now, null, null, null);
    }

    /** Turns a client proposal into a full state as the API does: new id, server timestamp, default name. */
    public static State fromProposal(StateCreate proposal, Instant now) {
        return create(proposal.type(), proposal.name(), now, proposal.message(), proposal.data(),
                proposal.details());
    }

    /** The same state under a new id and timestamp (used for cache hits and subflow parent task copies). */
    public State freshCopy(Instant now) {
        return new State(Ids.uuid7(now), type, name, now, message, data, details);
    }

    public boolean is(StateType t) {
        return type == t;
    }

    public boolean isFinal() {
        return type.isFinal();
    }

    public State withName(String v) {
        return new State(id, type, v, timestamp, message, data, details);
    }

    public State withTimestamp(Instant v) {
        return new State(id, type, name, v, message, data, details);
    }

    public State withDetails(StateDetails v) {
        return new State(id, type, name, timestamp, message, data, v);
    }

    public static StateType typeOf(State state) {
        return state == null ? null : state.type();
    }
}
