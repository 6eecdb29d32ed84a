package io.baton.domain.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates parameter values against a deployment's parameter schema for the UI's forms, reporting errors the
 * way Prefect's UI reads them: {@code {"valid": bool, "errors": [...]}} where an error is a message, or
 * {@code {"property": name, "errors": [...]}} / {@code {"index": i, "errors": [...]}} leading to one. Messages are
 * worded like Python's jsonschema. The keywords Pydantic emits for parameter schemas are checked: type, enum,
 * const, required, properties, items, prefixItems, anyOf/oneOf/allOf, local $ref, numeric bounds, string length
 * and pattern, array length; others are ignored.
 */
public final class JsonSchemaCheck {

    private JsonSchemaCheck() {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 64;

    public static final class InvalidSchemaException extends RuntimeException {
        public InvalidSchemaException(String message) {
            super(message);
        }
    }

    /**
     * One failure at a path of property names and indexes. A missing required property is reported under its
     * own name (as the UI groups errors), while {@code instancePath} is where the failing value sits (the
     * object holding the missing property), as jsonschema's error path names it.
     */
    public record Failure(List<Object> path, String message, List<Object> instancePath) {}

    public record Result(List<Failure> failures) {
        public boolean valid() {
            return failures.isEmpty();
        }

        /**
         * The first failure as Prefect's schema tools word it ({@code Validation failed for field 'a.b'. Failure
         * reason: ...}); empty when the values are valid.
         */
        public Optional<String> violation() {
            if (failures.isEmpty()) {
                return Optional.empty();
            }
            Failure first = failures.getFirst();
            String where = first.instancePath().isEmpty() ? "Validation failed."
                    : "Validation failed for field '" + first.instancePath().stream().map(String::valueOf)
                            .collect(Collectors.joining(".")) + "'.";
            return Optional.of(where + " Failure reason: " + first.message());
        }

        public ObjectNode toJson() {
            ObjectNode out = NODES.objectNode();
            ArrayNode errors = out.putArray("errors");
            for (Failure f : failures) {
                ArrayNode at = errors;
                for (Object step : f.path()) {
                    at = child(at, step);
                }
                at.add(f.message());
            }
            out.put("valid", failures.isEmpty());
            return out;
        }

        private static ArrayNode child(ArrayNode errors, Object step) {
            String key = step instanceof Integer ? "index" : "property";
            for (JsonNode e : errors) {
                if (e.isObject() && e.has(key) && e.get(key).asText().equals(String.valueOf(step))) {
                    return (ArrayNode) e.get("errors");
                }
            }
            ObjectNode node = errors.addObject();
            if (step instanceof Integer i) {
                node.put("index", i);
            } else {
                node.put("property", (String) step);
            }
            return node.putArray("errors");
        }
    }

    public static Result check(JsonNode schema, JsonNode values) {
        if (schema == null || !schema.isObject()) {
            throw new InvalidSchemaException("Invalid schema: the schema must be an object");
        }
        List<Failure> failures = new ArrayList<>();
        new Walk(schema, failures).validate(schema, values, new ArrayList<>(), 0);
        return new Result(failures);
    }

    private record Walk(JsonNode root, List<Failure> failures) {

        void validate(JsonNode schema, JsonNode value, List<Object> path, int depth) {
            if (depth > MAX_DEPTH) {
                throw new InvalidSchemaException("Invalid schema: Unable to validate schema with circular references.");
            }
            if (schema == null || !schema.isObject()) {
                return;
            }
            if (schema.has("$ref")) {
                validate(resolve(schema.get("$ref").asText()), value, path, depth + 1);
            }
            if (schema.has("allOf")) {
                schema.get("allOf").forEach(s -> validate(s, value, path, depth + 1));
            }
            for (String union : List.of("anyOf", "oneOf")) {
                if (schema.has(union)) {
                    boolean any = false;
                    for (JsonNode branch : schema.get(union)) {
                        List<Failure> trial = new ArrayList<>();
                        new Walk(root, trial).validate(branch, value, new ArrayList<>(path), depth + 1);
                        any |= trial.isEmpty();
                    }
                    if (!any) {
                        fail(path, repr(value) + " is not valid under any of the given schemas");
                    }
                }
            }
            if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
                fail(path, repr(value) + " is not of type " + typeNames(schema.get("type")));
                return;
            }
            if (schema.has("enum")) {
                boolean found = false;
                for (JsonNode allowed : schema.get("enum")) {
                    found |= sameValue(allowed, value);
                }
                if (!found) {
                    fail(path, repr(value) + " is not one of " + repr(schema.get("enum")));
                }
            }
            if (schema.has("const") && !sameValue(schema.get("const"), value)) {
                fail(path, repr(schema.get("const")) + " was expected");
            }
            if (value.isObject()) {
                object(schema, value, path, depth);
            } else if (value.isArray()) {
                array(schema, value, path, depth);
            } else if (value.isNumber()) {
                bound(schema, "minimum", value, path, value.asDouble() < schema.path("minimum").asDouble(),
                        " is less than the minimum of ");
                bound(schema, "maximum", value, path, value.asDouble() > schema.path("maximum").asDouble(),
                        " is greater than the maximum of ");
                bound(schema, "exclusiveMinimum", value, path, value.asDouble() <= schema.path("exclusiveMinimum").asDouble(),
                        " is less than or equal to the minimum of ");
                bound(schema, "exclusiveMaximum", value, path, value.asDouble() >= schema.path("exclusiveMaximum").asDouble(),
                        " is greater than or equal to the maximum of ");
            } else if (value.isTextual()) {
                int length = value.asText().codePointCount(0, value.asText().length());
                if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                    fail(path, repr(value) + " is too short");
                }
                if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                    fail(path, repr(value) + " is too long");
                }
                if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
                    fail(path, repr(value) + " does not match " + repr(schema.get("pattern")));
                }
            }
        }

        private void object(JsonNode schema, JsonNode value, List<Object> path, int depth) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    failures.add(new Failure(with(path, required.asText()), repr(required) + " is a required property",
                            List.copyOf(path)));
                }
            }
            for (Map.Entry<String, JsonNode> property : value.properties()) {
                JsonNode propertySchema = schema.path("properties").get(property.getKey());
                if (propertySchema != null) {
                    validate(propertySchema, property.getValue(), with(path, property.getKey()), depth + 1);
                }
            }
        }

        private void array(JsonNode schema, JsonNode value, List<Object> path, int depth) {
            JsonNode prefix = schema.path("prefixItems");
            for (int i = 0; i < value.size(); i++) {
                JsonNode itemSchema = i < prefix.size() ? prefix.get(i) : schema.get("items");
                if (itemSchema != null && itemSchema.isObject()) {
                    validate(itemSchema, value.get(i), with(path, i), depth + 1);
                }
            }
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                fail(path, repr(value) + " is too short");
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                fail(path, repr(value) + " is too long");
            }
        }

        private void bound(JsonNode schema, String keyword, JsonNode value, List<Object> path, boolean violated,
                           String words) {
            if (schema.has(keyword) && schema.get(keyword).isNumber() && violated) {
                fail(path, repr(value) + words + repr(schema.get(keyword)));
            }
        }

        private JsonNode resolve(String ref) {
            if (!ref.startsWith("#/")) {
                throw new InvalidSchemaException("Invalid schema: unsupported reference " + ref);
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new InvalidSchemaException("Invalid schema: unresolvable reference " + ref);
            }
            return target;
        }

        private void fail(List<Object> path, String message) {
            failures.add(new Failure(List.copyOf(path), message, List.copyOf(path)));
        }
    }

    private static List<Object> with(List<Object> path, Object step) {
        List<Object> out = new ArrayList<>(path);
        out.add(step);
        return out;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static String typeNames(JsonNode type) {
        if (!type.isArray()) {
            return "'" + type.asText() + "'";
        }
        List<String> names = new ArrayList<>();
        type.forEach(t -> names.add("'" + t.asText() + "'"));
        return String.join(", ", names);
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** Python's repr of a JSON value, as jsonschema quotes it in messages. */
    static String repr(JsonNode v) {
        if (v == null || v.isNull()) {
            return "None";
        }
        if (v.isTextual()) {
            return PythonRepr.str(v.asText());
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "True" : "False";
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(repr(i)));
            return "[" + String.join(", ", items) + "]";
        }
        if (v.isObject()) {
            List<String> items = new ArrayList<>();
            v.properties().forEach(e -> items.add("'" + e.getKey() + "': " + repr(e.getValue())));
            return "{" + String.join(", ", items) + "}";
        }
        return v.asText();
    }
}
