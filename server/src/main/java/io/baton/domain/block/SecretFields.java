package io.baton.domain.block;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The secret fields a block schema declares ({@code secret_fields}: dotted paths such as {@code password} or
 * {@code auth.token}, where a {@code *} segment covers everything below the part before it) and what the API
 * does with them: reads without {@code include_secrets} show {@code "********"} in their place, and an update
 * that sends that placeholder back keeps the stored secret.
 */
public final class SecretFields {

    public static final String OBFUSCATED = "********";

    private SecretFields() {}

    public static List<String> of(JsonNode schemaFields) {
        return schemaFields == null ? List.of() : schemaFields.path("secret_fields").valueStream()
                .filter(JsonNode::isTextual).map(JsonNode::asText).toList();
    }

    /** A copy of {@code data} with every declared secret that holds a value replaced by the placeholder. */
    public static JsonNode obfuscate(JsonNode data, List<String> secretFields) {
        if (data == null || !data.isObject()) {
            return data;
        }
        ObjectNode copy = data.deepCopy();
        for (String field : secretFields) {
            String[] path = field.split("\\.", -1);
            int wildcard = Arrays.asList(path).indexOf("*");
            if (wildcard >= 0) {
                hideBelow(copy, Arrays.copyOf(path, wildcard), 0);
            } else {
                hideAt(copy, path, 0);
            }
        }
        return copy;
    }

    private static void hideAt(ObjectNode node, String[] path, int depth) {
        JsonNode child = node.get(path[depth]);
        if (child == null || child.isNull()) {
            return;
        }
        if (depth == path.length - 1) {
            node.set(path[depth], TextNode.valueOf(OBFUSCATED));
        } else if (child instanceof ObjectNode object) {
            hideAt(object, path, depth + 1);
        }
    }

    /** Replaces every leaf under {@code prefix} (every leaf of {@code node} when the prefix is empty). */
    private static void hideBelow(ObjectNode node, String[] prefix, int depth) {
        if (depth == prefix.length) {
            hideAllLeaves(node);
            return;
        }
        JsonNode child = node.get(prefix[depth]);
        if (child == null || child.isNull()) {
            return;
        }
        if (child instanceof ObjectNode object) {
            hideBelow(object, prefix, depth + 1);
        } else if (depth == prefix.length - 1) {
            node.set(prefix[depth], TextNode.valueOf(OBFUSCATED));
        }
    }

    private static void hideAllLeaves(ObjectNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue() instanceof ObjectNode object && !object.isEmpty()) {
                hideAllLeaves(object);
            } else if (!e.getValue().isNull()) {
                e.setValue(TextNode.valueOf(OBFUSCATED));
            }
        }
    }

    /**
     * The data to store for an update: wherever {@code incoming} still holds the placeholder
     * (the client echoed an obfuscated read back), the stored value is kept.
     */
    public static JsonNode restoreObfuscated(JsonNode incoming, JsonNode stored) {
        if (incoming == null || !incoming.isObject() || stored == null || !stored.isObject()) {
            return incoming;
        }
        ObjectNode copy = incoming.deepCopy();
        restore(copy, stored);
        return copy;
    }

    private static void restore(ObjectNode incoming, JsonNode stored) {
        for (Iterator<Map.Entry<String, JsonNode>> it = incoming.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = stored.get(e.getKey());
            if (old == null) {
                continue;
            }
            if (e.getValue().isTextual() && OBFUSCATED.equals(e.getValue().asText())) {
                e.setValue(old.deepCopy());
            } else if (e.getValue() instanceof ObjectNode object && old.isObject()) {
                restore(object, old);
            }
        }
    }
}
