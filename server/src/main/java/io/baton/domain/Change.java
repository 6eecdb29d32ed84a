package io.baton.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * One field of a partial update: a {@code Change} reference that is null means "not in the request", a
 * present one carries the new value, which may itself be null ("set to null").
 */
public record Change<T>(T value) {

    /** The field of a validated request body, or null when the body does not name it. */
    public static <T> Change<T> of(JsonNode body, String field, Function<JsonNode, T> read) {
        if (body == null || !body.has(field)) {
            return null;
        }
        JsonNode v = body.get(field);
        return new Change<>(v.isNull() ? null : read.apply(v));
    }

    public static Change<String> text(JsonNode body, String field) {
        return of(body, field, JsonNode::asText);
    }

    public static Change<Integer> integer(JsonNode body, String field) {
        return of(body, field, JsonNode::asInt);
    }

    public static Change<Boolean> bool(JsonNode body, String field) {
        return of(body, field, JsonNode::asBoolean);
    }

    public static Change<JsonNode> json(JsonNode body, String field) {
        return of(body, field, v -> v);
    }
}
