package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.http.ApiException;
import io.baton.http.validation.OpenApiContract;
import io.baton.http.validation.Validation;
import io.baton.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Request bodies of the {@code /ui} routes, which the published schema leaves out: each is described here as an
 * inline schema over the published components and validated like any other body (422 in Prefect's shape).
 */
final class UiBodies {

    private UiBodies() {}

    /** {@code {"<key>": [uuid, ...]}} with at most 200 ids, required. */
    static ObjectNode idList(String key) {
        ObjectNode schema = object();
        ObjectNode ids = properties(schema).putObject(key);
        ids.put("type", "array").put("maxItems", 200).putObject("items").put("type", "string").put("format", "uuid");
        schema.putArray("required").add(key);
        return schema;
    }

    /** Optional filters named by body key -> component. */
    static ObjectNode filters(String... keysAndComponents) {
        ObjectNode schema = object();
        for (int i = 0; i < keysAndComponents.length; i += 2) {
            nullable(properties(schema), keysAndComponents[i], keysAndComponents[i + 1]);
        }
        return schema;
    }

    static ObjectNode object() {
        ObjectNode schema = Json.object();
        schema.put("type", "object").putObject("properties");
        return schema;
    }

    static ObjectNode properties(ObjectNode schema) {
        return (ObjectNode) schema.get("properties");
    }

    static void nullable(ObjectNode properties, String key, String component) {
        var anyOf = properties.putObject(key).putArray("anyOf");
        anyOf.addObject().put("$ref", "#/components/schemas/" + component);
        anyOf.addObject().put("type", "null");
    }

    /** The validated (coerced) body; an absent body counts as {@code {}} so that required fields are reported. */
    static JsonNode validate(OpenApiContract contract, ObjectNode schema, JsonNode body) {
        JsonNode input = body == null ? Json.object() : body;
        Validation v = contract.validateInline(schema, input, "body");
        if (!v.ok()) {
            throw ApiException.validation(v.errors(), body == null ? Json.NODES.nullNode() : body);
        }
        return v.value();
    }

    static List<UUID> uuids(JsonNode list) {
        List<UUID> out = new ArrayList<>();
        list.forEach(n -> out.add(UUID.fromString(n.asText())));
        return out;
    }
}
