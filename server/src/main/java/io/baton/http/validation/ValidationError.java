package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One entry of a 422 {@code exception_detail} list, shaped like a Pydantic v2 error.
 *
 * @param type  Pydantic error type, e.g. {@code missing}, {@code int_parsing}
 * @param loc   location: strings for object keys, integers for array indexes; starts with body/query/path
 * @param msg   human message, worded as Pydantic words it
 * @param input the offending input (for {@code missing}: the enclosing object, or null)
 * @param ctx   extra context such as {@code {"ge": 0}}; null when the error type has none (then omitted from JSON)
 */
public record ValidationError(String type, List<Object> loc, String msg, JsonNode input, JsonNode ctx) {
    public ValidationError {
        loc = List.copyOf(loc);
    }
}
