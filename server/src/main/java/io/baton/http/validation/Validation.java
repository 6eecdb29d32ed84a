package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

public record Validation(JsonNode value, List<ValidationError> errors) {
    public boolean ok() { return errors.isEmpty(); }
}
