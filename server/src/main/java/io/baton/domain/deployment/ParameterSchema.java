package io.baton.domain.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks flow-run parameters against a deployment's {@code parameter_openapi_schema}: the JSON Schema subset flow
 * signatures produce ({@code type}, {@code required}, {@code properties}, {@code items}, {@code enum},
 * {@code anyOf}/{@code allOf} and local {@code $ref}s into {@code definitions}/{@code $defs}). The first failure is
 * reported in the words the Python server uses: {@code Validation failed for field 'x'. Failure reason: ...}.
 */
public final class ParameterSchema {

    private static final int MAX_REF_DEPTH = 32;

    private ParameterSchema() {}

    /** Why the parameters do not fit the schema, or empty when they do. */
    public static Optional<String> violation(JsonNode parameters, JsonNode schema) {
        List<String> path = new ArrayList<>();
        String reason = check(parameters, schema, schema, path, 0);
        if (reason == null) {
            return Optional.empty();
        }
        String where = path.isEmpty() ? "Validation failed." : "Validation failed for field '" + String.join(".", path) + "'.";
        return Optional.of(where + " Failure reason: " + reason);
    }

    /** True when the schema is a circular chain of references. */
    public static boolean circular(JsonNode schema) {
        return circular(schema, schema, 0);
    }

    private static boolean circular(JsonNode node, JsonNode root, int depth) {
        if (depth > MAX_REF_DEPTH) {
            return true;
        }
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual()) {
            JsonNode target = resolve(root, ref.asText());
            return target != null && circular(target, root, depth + 1);
        }
        return false;
    }

    private static String check(JsonNode value, JsonNode schema, JsonNode root, List<String> path, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_REF_DEPTH) {
            return null;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual()) {
            JsonNode target = resolve(root, ref.asText());
            String reason = check(value, target, root, path, depth + 1);
            if (reason != null) {
                return reason;
            }
        }
        JsonNode type = schema.get("type");
        if (type != null && !matchesType(value, type)) {
            return repr(value) + " is not of type " + typeNames(type);
        }
        JsonNode options = schema.get("enum");
        if (options != null && options.isArray()) {
            boolean found = false;
            for (JsonNode o : options) {
                found |= sameValue(o, value);
            }
            if (!found) {
                return repr(value) + " is not one of " + repr(options);
            }
        }
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null && anyOf.isArray()) {
            boolean any = false;
            for (JsonNode option : anyOf) {
                any |= check(value, option, root, new ArrayList<>(), depth + 1) == null;
            }
            if (!any) {
                return repr(value) + " is not valid under any of the given schemas";
            }
        }
        JsonNode allOf = schema.get("allOf");
        if (allOf != null && allOf.isArray()) {
            for (JsonNode part : allOf) {
                String reason = check(value, part, root, path, depth + 1);
                if (reason != null) {
                    return reason;
                }
            }
        }
        if (value != null && value.isObject()) {
            JsonNode required = schema.get("required");
            if (required != null && required.isArray()) {
                for (JsonNode name : required) {
                    if (!value.has(name.asText())) {
                        return "'" + name.asText() + "' is a required property";
                    }
                }
            }
            JsonNode properties = schema.get("properties");
            if (properties != null && properties.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    if (value.has(p.getKey())) {
                        path.add(p.getKey());
                        String reason = check(value.get(p.getKey()), p.getValue(), root, path, depth + 1);
                        if (reason != null) {
                            return reason;
                        }
                        path.removeLast();
                    }
                }
            }
        }
        if (value != null && value.isArray() && schema.has("items") && schema.get("items").isObject()) {
            for (int i = 0; i < value.size(); i++) {
                path.add(String.valueOf(i));
                String reason = check(value.get(i), schema.get("items"), root, path, depth + 1);
                if (reason != null) {
                    return reason;
                }
                path.removeLast();
            }
        }
        return null;
    }

    private static JsonNode resolve(JsonNode root, String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode node = root;
        for (String part : ref.substring(2).split("/")) {
            node = node == null ? null : node.get(part.replace("~1", "/").replace("~0", "~"));
        }
        return node;
    }

    private static boolean matchesType(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (matchesType(value, t)) {
                    return true;
                }
            }
            return false;
        }
        boolean isNull = value == null || value.isNull();
        return switch (type.asText()) {
            case "null" -> isNull;
            case "string" -> !isNull && value.isTextual();
            case "integer" -> !isNull && (value.isIntegralNumber()
                    || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> !isNull && value.isNumber();
            case "boolean" -> !isNull && value.isBoolean();
            case "object" -> !isNull && value.isObject();
            case "array" -> !isNull && value.isArray();
            default -> true;
        };
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b != null && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String typeNames(JsonNode type) {
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add("'" + t.asText() + "'"));
            return "[" + String.join(", ", names) + "]";
        }
        return "'" + type.asText() + "'";
    }

    /** Python's repr of a JSON value, as jsonschema's messages show it. */
    static String repr(JsonNode v) {
        if (v == null || v.isNull()) {
            return "None";
        }
        if (v.isTextual()) {
            return "'" + v.asText().replace("\\", "\\\\").replace("'", "\\'") + "'";
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
            v.fields().forEachRemaining(e -> items.add("'" + e.getKey() + "': " + repr(e.getValue())));
            return "{" + String.join(", ", items) + "}";
        }
        return v.asText();
    }
}
