package io.baton.loadtool.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One API answer. {@code status} is 0 when no response arrived; {@code outcome} is then {@code timeout} or
 * {@code io}, otherwise the status code as text.
 */
public record ApiResponse(int status, JsonNode body, String outcome) {

    public static ApiResponse failed(String outcome) {
        return new ApiResponse(0, MissingNode.getInstance(), outcome);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Text of a top-level field of an object body, or null. */
    public String text(String field) {
        JsonNode node = body.path(field);
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
