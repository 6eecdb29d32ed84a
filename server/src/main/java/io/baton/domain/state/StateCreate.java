package io.baton.domain.state;

import com.fasterxml.jackson.databind.JsonNode;

/** A proposed state as clients send it ({@code StateCreate}): no id, no timestamp. */
public record StateCreate(StateType type, String name, String message, JsonNode data, StateDetails details) {

    public StateCreate {
        if (details == null) {
            details = StateDetails.DEFAULT;
        }
    }

    public static StateCreate of(StateType type) {
        return new StateCreate(type, null, null, null, null);
    }

    public static StateCreate of(StateType type, String name) {
        return new StateCreate(type, name, null, null, null);
    }

    public StateCreate withDetails(StateDetails v) {
        return new StateCreate(type, name, message, data, v);
    }

    public StateCreate withData(JsonNode v) {
        return new StateCreate(type, name, message, v, details);
    }

    public StateCreate withMessage(String v) {
        return new StateCreate(type, name, v, data, details);
    }
}
