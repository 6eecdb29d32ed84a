package io.baton.domain.variable;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.json.Json;
import java.util.Optional;

/** Prefect's checks on variables beyond the request schema. */
public final class VariableRules {

    /** Serialized values must stay below this many characters. */
    public static final int MAX_VALUE_LENGTH = 5000;

    private VariableRules() {}

    /** The error message when the value is too large, as Prefect words it. */
    public static Optional<String> valueError(JsonNode value) {
        String json = value == null ? "null" : Json.write(value);
        if (json.length() >= MAX_VALUE_LENGTH) {
            return Optional.of("Variable value must be less than " + MAX_VALUE_LENGTH + " characters");
        }
        return Optional.empty();
    }
}
