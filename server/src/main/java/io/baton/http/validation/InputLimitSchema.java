package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.InputLimits;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@link InputLimits} into the parsed contract before validators are compiled, so that a value past a
 * limit gets the 422 Pydantic would give for the same constraint ({@code string_too_long},
 * {@code less_than_equal}, ...): indexed text fields and {@code like_} patterns get a {@code maxLength}, every
 * integer 32-bit bounds, and {@code limit}/{@code offset} a minimum of 0. The schema file itself stays verbatim.
 */
final class InputLimitSchema {

    /** Request fields stored in an indexed column (or a unique constraint), by property name. */
    static final Set<String> INDEXED_TEXT_FIELDS = Set.of("name", "key", "slug", "tags", "tag", "version",
            "flow_version", "deployment_version", "work_queue_name", "work_pool_name", "block_type_name",
            "block_type_slug", "task_key", "dynamic_key", "cache_key", "event", "type", "capabilities",
            "resource_id", "holder_id");
    /** Filter fields that become LIKE patterns (substring, prefix and wildcard matches). */
    static final Set<String> PATTERN_FIELDS = Set.of("like_", "startswith_", "prefix", "exclude_prefix",
            "id_prefix", "id");
    private static final Set<String> PAGING_FIELDS = Set.of("limit", "offset");
    /** Keys whose values are data, not schemas. */
    private static final Set<String> DATA_KEYS = Set.of("default", "examples", "example", "const", "enum");

    private InputLimitSchema() {}

    static void apply(JsonNode root) {
        JsonNode schemas = root.path("components").path("schemas");
        // Label names -> glob patterns. Found by component name: the bundled contract carries no titles.
        if (schemas.path("ResourceSpecification") instanceof ObjectNode spec) {
            limitStrings(spec.get("additionalProperties"), InputLimits.MAX_LIKE_PATTERN_LENGTH);
        }
        walk(schemas);
        walk(root.path("paths"));
    }

    private static void walk(JsonNode node) {
        if (node.isArray()) {
            node.forEach(InputLimitSchema::walk);
            return;
        }
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        if ("integer".equals(schema.path("type").asText())) {
            boundInteger(schema);
        }
        if (schema.path("properties") instanceof ObjectNode properties) {
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                limitProperty(property.getKey(), property.getValue());
            }
        }
        if (schema.has("in") && schema.has("name") && schema.has("schema")) { // an operation parameter
            limitProperty(schema.get("name").asText(), schema.get("schema"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> child = it.next();
            if (!DATA_KEYS.contains(child.getKey())) {
                walk(child.getValue());
            }
        }
    }

    private static void limitProperty(String name, JsonNode schema) {
        if (INDEXED_TEXT_FIELDS.contains(name)) {
            limitStrings(schema, InputLimits.MAX_INDEXED_TEXT_LENGTH);
        } else if (PATTERN_FIELDS.contains(name)) {
            limitStrings(schema, InputLimits.MAX_LIKE_PATTERN_LENGTH);
        }
        if (PAGING_FIELDS.contains(name)) {
            nonNegative(schema);
        }
    }

    /** Sets maxLength on the plain strings of a schema: itself, its union branches, its array items. */
    private static void limitStrings(JsonNode node, int maxLength) {
        if (!(node instanceof ObjectNode schema) || schema.has("$ref")) {
            return;
        }
        String type = schema.path("type").asText();
        if ("string".equals(type) && !schema.has("format") && !schema.has("enum")) {
            JsonNode existing = schema.get("maxLength");
            if (existing == null || existing.asInt() > maxLength) {
                schema.put("maxLength", maxLength);
            }
        } else if ("array".equals(type)) {
            limitStrings(schema.get("items"), maxLength);
        }
        for (String union : new String[] {"anyOf", "oneOf"}) {
            if (schema.get(union) != null) {
                schema.get(union).forEach(branch -> limitStrings(branch, maxLength));
            }
        }
    }

    private static void nonNegative(JsonNode node) {
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        if ("integer".equals(schema.path("type").asText()) && !schema.has("minimum")
                && !schema.has("exclusiveMinimum")) {
            schema.put("minimum", 0);
        }
        if (schema.get("anyOf") != null) {
            schema.get("anyOf").forEach(InputLimitSchema::nonNegative);
        }
    }

    private static void boundInteger(ObjectNode schema) {
        JsonNode max = schema.get("maximum");
        if (max == null || max.decimalValue().compareTo(java.math.BigDecimal.valueOf(InputLimits.MAX_INTEGER)) > 0) {
            schema.put("maximum", InputLimits.MAX_INTEGER);
        }
        JsonNode min = schema.get("minimum");
        if (min == null || min.decimalValue().compareTo(java.math.BigDecimal.valueOf(InputLimits.MIN_INTEGER)) < 0) {
            schema.put("minimum", InputLimits.MIN_INTEGER);
        }
    }
}
