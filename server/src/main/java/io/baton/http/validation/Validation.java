package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Result of validating one document.
 *
 * @param value  a coerced copy of the input (numeric strings turned into numbers, uuids normalised, unknown
 *               keys of ignore-extra models dropped, ...); {@code null} when validation failed
 * @param errors errors in the order Pydantic reports them; empty when valid
 */
public record Validation(JsonNode value, List<ValidationError> errors) {
    public Validation {
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    static Validation of(JsonNode value, List<ValidationError> errors) {
        return errors.isEmpty() ? new Validation(value, errors) : new Validation(null, errors);
    }
}
