package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Receives validation errors. Union branches are first probed in strict mode where only success matters,
 * so a discarding sink keeps those probes from building error objects.
 */
class ErrorSink {
    static final ErrorSink DISCARD = new ErrorSink(null);

    private final List<ValidationError> errors;

    private ErrorSink(List<ValidationError> errors) {
        this.errors = errors;
    }

    static ErrorSink collecting() {
        return new ErrorSink(new ArrayList<>());
    }

    void report(String type, Loc loc, String msg, JsonNode input, ObjectNode ctx) {
        if (errors != null) {
            errors.add(new ValidationError(type, Loc.toList(loc), msg, input, ctx));
        }
    }

    void addAll(List<ValidationError> more) {
        if (errors != null) {
            errors.addAll(more);
        }
    }

    List<ValidationError> errors() {
        return errors == null ? List.of() : errors;
    }
}
