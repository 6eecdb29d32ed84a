package io.baton.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.http.validation.ValidationError;
import io.baton.http.validation.ValidationErrors;
import io.baton.json.Json;
import java.util.List;
import java.util.Map;

/**
 * An error answered with Prefect's exact body shape. Handler-raised errors use {@code {"detail": ...}},
 * errors from deeper layers {@code {"exception_message": ...}}, validation errors the 422 triple.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final JsonNode body;
    private final Map<String, String> headers;

    public ApiException(int status, JsonNode body, Map<String, String> headers) {
        super(body.toString(), null, false, false);
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** {@code {"detail": message}}, as FastAPI's HTTPException. */
    public static ApiException detail(int status, String message) {
        return new ApiException(status, Json.object().put("detail", message), Map.of());
    }

    public static ApiException detail(int status, String message, Map<String, String> headers) {
        return new ApiException(status, Json.object().put("detail", message), headers);
    }

    /** {@code {"exception_message": message}}, as Prefect's ObjectNotFoundError and friends. */
    public static ApiException exceptionMessage(int status, String message) {
        return new ApiException(status, Json.object().put("exception_message", message), Map.of());
    }

    public static ApiException notFound(String what) {
        return detail(404, what + " not found");
    }

    public static ApiException validation(List<ValidationError> errors, JsonNode requestBody) {
        ObjectNode body = ValidationErrors.body(errors, requestBody);
        return new ApiException(422, body, Map.of());
    }

    /** A 422 for a single field, as a model validator would raise it. */
    public static ApiException invalidField(List<Object> loc, String message, JsonNode input, JsonNode requestBody) {
        return validation(List.of(new ValidationError("value_error", loc, "Value error, " + message, input,
                Json.object().put("error", message))), requestBody);
    }
}
