package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Builds the 422 response body Prefect's server sends for request validation failures. */
public final class ValidationErrors {
    public static final String EXCEPTION_MESSAGE = "Invalid request received.";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValidationErrors() {}

    /**
     * The complete 422 body: {@code {"exception_message", "exception_detail", "request_body"}}.
     *
     * @param requestBody the parsed request body, or for malformed JSON the raw request text as a string node;
     *                    {@code null} when the request had no body
     */
    public static ObjectNode body(List<ValidationError> errors, JsonNode requestBody) {
        ObjectNode out = NODES.objectNode();
        out.put("exception_message", EXCEPTION_MESSAGE);
        ArrayNode detail = out.putArray("exception_detail");
        for (ValidationError e : errors) {
            detail.add(toJson(e));
        }
        out.set("request_body", requestBody == null ? NullNode.instance : requestBody);
        return out;
    }

    /** One error as {@code {"type", "loc", "msg", "input", "ctx"?}}. */
    public static ObjectNode toJson(ValidationError e) {
        ObjectNode o = NODES.objectNode();
        o.put("type", e.type());
        ArrayNode loc = o.putArray("loc");
        for (Object segment : e.loc()) {
            if (segment instanceof Integer i) {
                loc.add(i);
            } else {
                loc.add(String.valueOf(segment));
            }
        }
        o.put("msg", e.msg());
        o.set("input", e.input() == null ? NullNode.instance : e.input());
        if (e.ctx() != null) {
            o.set("ctx", e.ctx());
        }
        return o;
    }

    /**
     * Malformed JSON body. Prefect (via FastAPI) reports the decoder's character offset in {@code loc}, the decoder
     * message in {@code ctx.error}, {@code {}} as input, and echoes the raw request text as {@code request_body}.
     */
    public static ValidationError jsonInvalid(int charOffset, String decoderMessage) {
        ObjectNode ctx = NODES.objectNode().put("error", decoderMessage);
        return new ValidationError("json_invalid", List.of("body", charOffset), "JSON decode error",
                NODES.objectNode(), ctx);
    }

    public static ValidationError jsonInvalid(MalformedJsonException e) {
        return jsonInvalid(e.position(), e.decoderMessage());
    }

    /** A body that is not a JSON object where one is expected (e.g. a {@code text/plain} body, left unparsed). */
    public static ValidationError notAnObject(List<Object> loc, JsonNode input) {
        return new ValidationError("model_attributes_type", loc,
                "Input should be a valid dictionary or object to extract fields from", input, null);
    }

    /** A required request body that was absent (or empty). */
    public static ValidationError missingBody() {
        return missing(List.of("body"));
    }

    static ValidationError missing(List<Object> loc) {
        return new ValidationError("missing", loc, "Field required", NullNode.instance, null);
    }

    static ObjectNode ctx(String key, JsonNode value) {
        ObjectNode ctx = NODES.objectNode();
        ctx.set(key, value);
        return ctx;
    }

    static ObjectNode ctx(String key, String value) {
        return NODES.objectNode().put(key, value);
    }
}
