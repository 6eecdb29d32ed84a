package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.baton.domain.InputLimits;
import io.baton.domain.InputLimits.Unstorable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Refuses request text the database cannot store unaltered (NUL, lone surrogates) with a 422 entry, in every
 * string and object key of a body and in every query and path parameter, before any schema validation: the
 * same rule for every route on both databases, so nothing is stored differently on one of them.
 */
public final class StorableText {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String NUL_MESSAGE = "NUL characters (\\u0000) cannot be stored";

    private StorableText() {}

    /** The first unstorable string in {@code node} (keys included), located under {@code loc}; null when none. */
    public static ValidationError check(JsonNode node, List<Object> loc) {
        return check(node, loc, false);
    }

    /** As {@link #check(JsonNode, List)}; with {@code nulAllowed} only lone surrogates are refused. */
    public static ValidationError check(JsonNode node, List<Object> loc, boolean nulAllowed) {
        if (node == null || !InputLimits.containsUnstorable(node)) {
            return null;
        }
        return locate(node, loc, nulAllowed);
    }

    private static ValidationError locate(JsonNode node, List<Object> loc, boolean nulAllowed) {
        if (node.isTextual()) {
            return checkString(node.textValue(), loc, node, nulAllowed);
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                ValidationError keyError = checkString(field.getKey(), loc, TextNode.valueOf(field.getKey()),
                        nulAllowed);
                if (keyError != null) {
                    return keyError;
                }
                JsonNode value = field.getValue();
                if (value.isContainerNode() || value.isTextual()) {
                    ValidationError e = locate(value, append(loc, field.getKey()), nulAllowed);
                    if (e != null) {
                        return e;
                    }
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = node.get(i);
                if (value.isContainerNode() || value.isTextual()) {
                    ValidationError e = locate(value, append(loc, i), nulAllowed);
                    if (e != null) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    /** Query or path parameters: each value located at {@code [where, name]}. */
    public static ValidationError checkParameters(String where, Map<String, ? extends Iterable<String>> params) {
        for (Map.Entry<String, ? extends Iterable<String>> param : params.entrySet()) {
            List<Object> loc = List.of(where, param.getKey());
            ValidationError keyError = checkString(param.getKey(), loc, TextNode.valueOf(param.getKey()), false);
            if (keyError != null) {
                return keyError;
            }
            for (String value : param.getValue()) {
                ValidationError e = checkString(value, loc, TextNode.valueOf(value), false);
                if (e != null) {
                    return e;
                }
            }
        }
        return null;
    }

    private static ValidationError checkString(String s, List<Object> loc, JsonNode input, boolean nulAllowed) {
        Unstorable problem = InputLimits.unstorable(s);
        if (problem == Unstorable.NUL && nulAllowed) {
            problem = InputLimits.unstorable(s.replace("\u0000", ""));
        }
        if (problem == null) {
            return null;
        }
        JsonNode echoed = echo(input);
        return switch (problem) {
            case NUL -> new ValidationError("value_error", loc, "Value error, " + NUL_MESSAGE, echoed,
                    NODES.objectNode().put("error", NUL_MESSAGE));
            case LONE_SURROGATE -> new ValidationError("string_unicode", loc,
                    "Input should be a valid string, unable to parse raw data as a unicode string", echoed, null);
        };
    }

    /**
     * A copy of {@code node} that can be written as UTF-8 JSON, for echoing a refused request: lone surrogates
     * become U+FFFD. Only error bodies carry it; nothing altered is stored.
     */
    public static JsonNode echo(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String s = node.textValue();
            return InputLimits.unstorable(s) == InputLimits.Unstorable.LONE_SURROGATE
                    ? TextNode.valueOf(replaceLoneSurrogates(s)) : node;
        }
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            node.fields().forEachRemaining(f -> copy.set(replaceLoneSurrogates(f.getKey()), echo(f.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(v -> copy.add(echo(v)));
            return copy;
        }
        return node;
    }

    private static String replaceLoneSurrogates(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static List<Object> append(List<Object> loc, Object segment) {
        List<Object> out = new ArrayList<>(loc.size() + 1);
        out.addAll(loc);
        out.add(segment);
        return out;
    }
}
