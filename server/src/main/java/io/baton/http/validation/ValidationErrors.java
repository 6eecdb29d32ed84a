package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.json.Json;
import java.util.List;

public final class ValidationErrors {
    public static ValidationError jsonInvalid(int offset, String error) {
        return new ValidationError("json_invalid", List.of("body", offset), "JSON decode error", Json.object(), Json.object().put("error", error));
    }
    public static ObjectNode body(List<ValidationError> errors, JsonNode requestBody) {
        ObjectNode out = Json.object();
        out.put("exception_message", "Invalid request received.");
        out.set("exception_detail", Json.MAPPER.valueToTree(errors));
        out.set("request_body", requestBody);
        return out;
    }
}
