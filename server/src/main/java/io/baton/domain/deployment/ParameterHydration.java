package io.baton.domain.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Prefect's parameter hydration: objects carrying {@code "__prefect_kind"} are replaced by what they stand for
 * before a run gets its parameters ({@code json}: a JSON text parsed; {@code jinja}: a template rendered;
 * {@code workspace_variable}: a variable's value; {@code none}: the wrapped value, itself hydrated; any other kind:
 * its {@code value}). A {@code json} or {@code workspace_variable} object without its key is dropped from its
 * parent. The first failure stops hydration with Prefect's words for it.
 */
public final class ParameterHydration {

    public static final String KIND = "__prefect_kind";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Stands for "remove me from my parent"; never leaves this class. */
    private static final JsonNode REMOVE = NODES.missingNode();

    /** Renders a user's jinja template without context; throws {@link TemplateException} when it cannot. */
    public interface Templates {
        String render(String template) throws TemplateException;
    }

    public static final class TemplateException extends Exception {
        public TemplateException(String message) {
            super(message, null, false, false);
        }
    }

    /** Hydration failed; {@link #getMessage()} is Prefect's text for the failure. */
    public static final class HydrationException extends RuntimeException {
        public HydrationException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param variables the workspace variable of a name, empty when there is none
     * @param templates the jinja renderer
     */
    public record Context(Function<String, Optional<JsonNode>> variables, Templates templates) {}

    private ParameterHydration() {}

    /** Whether anything inside {@code value} asks for hydration (so callers can skip building a context). */
    public static boolean needsHydration(JsonNode value) {
        if (value == null) {
            return false;
        }
        if (value.isObject() && value.has(KIND)) {
            return true;
        }
        if (value.isContainerNode()) {
            for (JsonNode child : value) {
                if (needsHydration(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The hydrated value; a top-level object that hydrates to nothing becomes {@code {}}. */
    public static JsonNode hydrate(JsonNode value, Context context) {
        JsonNode out = walk(value, context);
        return out == REMOVE ? NODES.objectNode() : out;
    }

    private static JsonNode walk(JsonNode value, Context context) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value.isObject() && value.has(KIND)) {
            return kind(value, context);
        }
        if (value.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                JsonNode v = walk(e.getValue(), context);
                if (v != REMOVE) {
                    out.set(e.getKey(), v);
                }
            }
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode element : value) {
                JsonNode v = walk(element, context);
                if (v != REMOVE) {
                    out.add(v);
                }
            }
            return out;
        }
        return value;
    }

    private static JsonNode kind(JsonNode object, Context context) {
        JsonNode kind = object.get(KIND);
        String name = kind.isTextual() ? kind.asText() : null;
        return switch (name == null ? "" : name) {
            case "none" -> {
                if (!object.has("value")) {
                    throw missingKey("value");
                }
                yield walk(object.get("value"), context);
            }
            case "json" -> object.has("value") ? json(object.get("value"), context) : REMOVE;
            case "jinja" -> {
                if (!object.has("template")) {
                    throw missingKey("template");
                }
                yield jinja(text(object.get("template"), context), context);
            }
            case "workspace_variable" -> object.has("variable_name")
                    ? variable(text(object.get("variable_name"), context), context) : REMOVE;
            default -> object.has("value") ? object.get("value") : NODES.nullNode();
        };
    }

    private static JsonNode json(JsonNode value, Context context) {
        JsonNode text = value.isObject() ? walk(value, context) : value;
        if (!text.isTextual()) {
            throw new HydrationException("Invalid JSON: the JSON object must be str, bytes or bytearray, not "
                    + pythonType(text));
        }
        try {
            JsonNode parsed = JSON.readTree(text.asText());
            if (parsed == null || parsed.isMissingNode()) {
                throw new HydrationException("Invalid JSON: Expecting value: line 1 column 1 (char 0)");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new HydrationException("Invalid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : ": line " + at.getLineNr() + " column " + at.getColumnNr()));
        }
    }

    private static JsonNode jinja(JsonNode template, Context context) {
        if (!template.isTextual()) {
            throw new HydrationException("Invalid jinja: Can't compile non template nodes");
        }
        try {
            return NODES.textNode(context.templates().render(template.asText()));
        } catch (TemplateException e) {
            throw new HydrationException("Invalid jinja: " + e.getMessage());
        }
    }

    private static JsonNode variable(JsonNode name, Context context) {
        String key = name.isTextual() ? name.asText() : name.toString();
        return context.variables().apply(key)
                .orElseThrow(() -> new HydrationException("Variable '" + key + "' not found in workspace."));
    }

    /** A key whose value may itself be a hydratable object (Prefect hydrates it first). */
    private static JsonNode text(JsonNode value, Context context) {
        return value.isObject() ? walk(value, context) : value;
    }

    private static HydrationException missingKey(String key) {
        return new HydrationException("Missing '" + key + "' key in __prefect object");
    }

    private static String pythonType(JsonNode v) {
        if (v.isObject()) {
            return "dict";
        }
        if (v.isArray()) {
            return "list";
        }
        if (v.isBoolean()) {
            return "bool";
        }
        if (v.isIntegralNumber()) {
            return "int";
        }
        if (v.isNumber()) {
            return "float";
        }
        return v.isNull() ? "NoneType" : "str";
    }
}
