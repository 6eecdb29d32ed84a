package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** A compiled JSON Schema node. Implementations are immutable and thread-safe. */
interface SchemaValidator {

    /**
     * Validates and coerces {@code input}.
     *
     * @param strict Pydantic strict mode: no type coercion. Used when probing union branches, where Pydantic
     *               prefers a branch that matches without coercion.
     * @return the coerced value, or {@code null} if the input is invalid; errors were reported to {@code sink}
     *         (which may discard them)
     */
    JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict);

    /** How Pydantic names this schema when it is one branch of a union (model name, or e.g. {@code str}). */
    String tag();
}
