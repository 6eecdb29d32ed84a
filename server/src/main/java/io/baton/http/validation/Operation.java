package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One operation of the contract, validating its inputs the way FastAPI does for the Python server.
 *
 * <p>Request bodies come in two shapes. A body declared as one model (e.g. {@code FlowCreate}) is validated as a
 * whole with locations under {@code ["body", ...]}. A body whose schema is FastAPI's generated
 * {@code Body_<operationId>} holds several independent body parameters: each top-level key is validated on its
 * own ({@code ["body", "<param>", ...]}), a {@code null} or absent key takes the parameter default (or is
 * {@code missing} when required), and unknown top-level keys are ignored.
 *
 * <p>Coerced values carry defaults only for parameters (query parameters and {@code Body_} keys), the places where
 * FastAPI fills them in before calling the handler. Inside models, absent fields stay absent so handlers can tell
 * "not sent" from "sent" (PATCH semantics).
 */
public final class Operation {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String EMBEDDED_BODY_PREFIX = "Body_";

    private final String method;
    private final String pathTemplate;
    private final String operationId;
    private final JsonNode bodySchema;
    private final boolean bodyRequired;
    private final List<JsonNode> parameters;
    private final SchemaCompiler compiler;
    private volatile Compiled compiled;

    /** A parameter with its compiled validator. */
    private record Param(String name, SchemaValidator validator, boolean required, JsonNode defaultValue,
            boolean isArray, boolean isUuidPath) {}

    private record Compiled(SchemaValidator wholeBody, List<Param> bodyParams, List<Param> query, List<Param> path) {}

    Operation(String method, String pathTemplate, JsonNode operation, SchemaCompiler compiler) {
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.operationId = operation.path("operationId").asText(null);
        JsonNode requestBody = operation.get("requestBody");
        this.bodySchema = requestBody == null ? null : requestBody.path("content").path("application/json")
                .path("schema");
        this.bodyRequired = requestBody != null && requestBody.path("required").asBoolean(false);
        this.parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameters::add);
        this.compiler = compiler;
    }

    public String method() {
        return method;
    }

    public String pathTemplate() {
        return pathTemplate;
    }

    public String operationId() {
        return operationId;
    }

    public boolean hasRequestBody() {
        return bodySchema != null;
    }

    /**
     * Validates a parsed JSON body ({@code null} when the request had none; a JSON {@code null} body counts as
     * none, as in FastAPI). For operations without a declared body the input is returned unchecked.
     */
    public Validation validateBody(JsonNode bodyOrNull) {
        JsonNode body = bodyOrNull == null || bodyOrNull.isNull() ? null : bodyOrNull;
        if (bodySchema == null) {
            return new Validation(body, List.of());
        }
        Compiled c = compiled();
        ErrorSink sink = ErrorSink.collecting();
        if (c.bodyParams() != null) {
            return validateEmbeddedBody(body, c.bodyParams(), sink);
        }
        if (body == null) {
            if (bodyRequired) {
                return new Validation(null, List.of(ValidationErrors.missingBody()));
            }
            return new Validation(NullNode.instance, List.of());
        }
        JsonNode value = c.wholeBody().validate(body, Loc.root("body"), sink, false);
        return Validation.of(value, sink.errors());
    }

    private static Validation validateEmbeddedBody(JsonNode body, List<Param> params, ErrorSink sink) {
        ObjectNode out = NODES.objectNode();
        for (Param p : params) {
            Loc loc = Loc.root("body", p.name());
            if (body != null && !body.isObject()) {
                sink.report("missing", loc, "Field required", NullNode.instance, null);
                continue;
            }
            JsonNode raw = body == null ? null : body.get(p.name());
            if (raw == null || raw.isNull()) {
                absent(p, loc, out, sink);
                continue;
            }
            JsonNode coerced = p.validator().validate(raw, loc, sink, false);
            if (coerced != null) {
                out.set(p.name(), coerced);
            }
        }
        return Validation.of(out, sink.errors());
    }

    private static void absent(Param p, Loc loc, ObjectNode out, ErrorSink sink) {
        if (p.required()) {
            sink.report("missing", loc, "Field required", NullNode.instance, null);
        } else if (p.defaultValue() != null) {
            out.set(p.name(), p.defaultValue().deepCopy());
        }
    }

    /**
     * Validates query parameters (raw strings, as decoded from the URL). Strings are coerced per schema
     * ({@code "3"} -> 3, {@code "true"} -> true); for a repeated non-array parameter the last value wins.
     * Undeclared parameters are ignored. The value is an object of parameter name to coerced value, with defaults.
     */
    public Validation validateQuery(Map<String, List<String>> query) {
        ErrorSink sink = ErrorSink.collecting();
        ObjectNode out = NODES.objectNode();
        for (Param p : compiled().query()) {
            List<String> values = query == null ? null : query.get(p.name());
            Loc loc = Loc.root("query", p.name());
            if (values == null || values.isEmpty()) {
                absent(p, loc, out, sink);
                continue;
            }
            JsonNode raw;
            if (p.isArray()) {
                ArrayNode array = NODES.arrayNode(values.size());
                values.forEach(array::add);
                raw = array;
            } else {
                raw = TextNode.valueOf(values.get(values.size() - 1));
            }
            JsonNode coerced = p.validator().validate(raw, loc, sink, false);
            if (coerced != null) {
                out.set(p.name(), coerced);
            }
        }
        return Validation.of(out, sink.errors());
    }

    /**
     * Whether the route pattern matches this raw path segment. Prefect declares uuid path parameters with the
     * router's uuid convertor, so a non-uuid segment means "no such route" (404), not a 422.
     */
    public boolean pathParamMatches(String name, String rawValue) {
        for (Param p : compiled().path()) {
            if (p.name().equals(name)) {
                return !p.isUuidPath() || Uuids.matchesPathConvertor(rawValue);
            }
        }
        return true;
    }

    /**
     * Validates path parameters that passed {@link #pathParamMatches}: e.g. enum-typed segments answer 422 with
     * {@code loc ["path", name]}. The value maps names to coerced values (uuids normalised).
     */
    public Validation validatePath(Map<String, String> pathParams) {
        ErrorSink sink = ErrorSink.collecting();
        ObjectNode out = NODES.objectNode();
        for (Param p : compiled().path()) {
            String raw = pathParams == null ? null : pathParams.get(p.name());
            Loc loc = Loc.root("path", p.name());
            if (raw == null) {
                absent(p, loc, out, sink);
                continue;
            }
            JsonNode coerced = p.validator().validate(TextNode.valueOf(raw), loc, sink, false);
            if (coerced != null) {
                out.set(p.name(), coerced);
            }
        }
        return Validation.of(out, sink.errors());
    }

    /** Compiles this operation's validators now (they are otherwise compiled on first use). */
    void compileAll() {
        compiled();
    }

    private Compiled compiled() {
        Compiled c = compiled;
        if (c == null) {
            synchronized (this) {
                c = compiled;
                if (c == null) {
                    c = compile();
                    compiled = c;
                }
            }
        }
        return c;
    }

    private Compiled compile() {
        SchemaValidator wholeBody = null;
        List<Param> bodyParams = null;
        if (bodySchema != null) {
            String ref = SchemaCompiler.refName(bodySchema);
            if (ref != null && ref.startsWith(EMBEDDED_BODY_PREFIX)) {
                bodyParams = embeddedParams(compiler.schema(ref));
            } else {
                wholeBody = compiler.compile(bodySchema, null);
            }
        }
        List<Param> query = new ArrayList<>();
        List<Param> path = new ArrayList<>();
        for (JsonNode p : parameters) {
            String in = p.path("in").asText();
            if (!in.equals("query") && !in.equals("path")) {
                continue; // headers (api version, attribution) are checked elsewhere, not by schema
            }
            JsonNode schema = p.path("schema");
            Param param = new Param(p.path("name").asText(), compiler.compile(schema, null),
                    p.path("required").asBoolean(false), schema.get("default"),
                    "array".equals(schema.path("type").asText()),
                    "uuid".equals(schema.path("format").asText()));
            (in.equals("query") ? query : path).add(param);
        }
        return new Compiled(wholeBody, bodyParams, List.copyOf(query), List.copyOf(path));
    }

    private List<Param> embeddedParams(JsonNode bodyModel) {
        List<String> required = new ArrayList<>();
        bodyModel.path("required").forEach(r -> required.add(r.asText()));
        List<Param> params = new ArrayList<>();
        bodyModel.path("properties").fields().forEachRemaining(e -> params.add(new Param(e.getKey(),
                compiler.compile(e.getValue(), null), required.contains(e.getKey()), e.getValue().get("default"),
                false, false)));
        return List.copyOf(params);
    }

    @Override
    public String toString() {
        return method + " " + pathTemplate + " (" + operationId + ")";
    }
}
