package io.baton.domain.block;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checksum that identifies a block schema, computed exactly as the Prefect client computes it for its
 * own block classes (clients look schemas up by it):
 * <ol>
 *   <li>remove every {@code secret_fields} key at any depth;</li>
 *   <li>when a non-empty top-level {@code definitions} map exists, keep only the definitions reachable through
 *       {@code $ref}s found anywhere in the document that do not describe a block ({@code block_type_slug}),
 *       following refs inside kept definitions; drop the key when none remain;</li>
 *   <li>hash {@code [[fields], {}]} serialized by {@link PythonJson} with SHA-256.</li>
 * </ol>
 */
public final class BlockSchemaChecksum {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DEFINITION_PREFIX = "#/definitions/";

    private BlockSchemaChecksum() {}

    public static String of(JsonNode fields) {
        JsonNode stripped = withoutSecretFields(fields == null ? NODES.objectNode() : fields);
        if (stripped instanceof ObjectNode object && object.path("definitions").isObject()
                && !object.get("definitions").isEmpty()) {
            Map<String, JsonNode> kept = nonBlockDefinitions(object, object.get("definitions"));
            if (kept.isEmpty()) {
                object.remove("definitions");
            } else {
                ObjectNode definitions = NODES.objectNode();
                kept.forEach(definitions::set);
                object.set("definitions", definitions);
            }
        }
        ArrayNode payload = NODES.arrayNode();
        payload.add(NODES.arrayNode().add(stripped));
        payload.add(NODES.objectNode());
        return "sha256:" + sha256(PythonJson.dumps(payload));
    }

    /** A deep copy of {@code node} without any {@code secret_fields} key. */
    static JsonNode withoutSecretFields(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("secret_fields")) {
                    out.set(e.getKey(), withoutSecretFields(e.getValue()));
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(n -> out.add(withoutSecretFields(n)));
            return out;
        }
        return node.deepCopy();
    }

    private static Map<String, JsonNode> nonBlockDefinitions(JsonNode from, JsonNode definitions) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        collect(from, definitions, found);
        return found;
    }

    private static void collect(JsonNode from, JsonNode definitions, Map<String, JsonNode> found) {
        for (String ref : references(from)) {
            String key = ref.replace(DEFINITION_PREFIX, "");
            JsonNode definition = definitions.get(key);
            // As in Python: an empty definition is falsy, and definitions of blocks are left out.
            boolean usable = definition != null && definition.isObject() && !definition.isEmpty()
                    && definition.path("block_type_slug").isMissingNode() || definition != null
                    && definition.isObject() && !definition.isEmpty() && definition.path("block_type_slug").isNull();
            if (usable && !found.containsKey(key)) {
                found.put(key, definition);
                collect(definition, definitions, found);
            }
        }
    }

    /** Every {@code $ref} string value in the document, in document order. */
    static List<String> references(JsonNode node) {
        List<String> out = new ArrayList<>();
        references(node, out);
        return out;
    }

    private static void references(JsonNode node, List<String> out) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && !ref.asText().isEmpty()) {
                out.add(ref.asText());
            }
            node.forEach(child -> references(child, out));
        } else if (node.isArray()) {
            node.forEach(child -> references(child, out));
        }
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
