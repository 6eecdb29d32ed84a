package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.baton.http.validation.CombinatorValidators.AllOfValidator;
import io.baton.http.validation.CombinatorValidators.AnyValidator;
import io.baton.http.validation.CombinatorValidators.DiscriminatedUnionValidator;
import io.baton.http.validation.CombinatorValidators.NullValidator;
import io.baton.http.validation.CombinatorValidators.NullableValidator;
import io.baton.http.validation.CombinatorValidators.RefValidator;
import io.baton.http.validation.CombinatorValidators.UnionValidator;
import io.baton.http.validation.FormatValidators.DateTimeValidator;
import io.baton.http.validation.FormatValidators.DateValidator;
import io.baton.http.validation.FormatValidators.DurationValidator;
import io.baton.http.validation.FormatValidators.UuidValidator;
import io.baton.http.validation.ScalarValidators.BooleanValidator;
import io.baton.http.validation.ScalarValidators.Bounds;
import io.baton.http.validation.ScalarValidators.EnumValidator;
import io.baton.http.validation.ScalarValidators.IntegerValidator;
import io.baton.http.validation.ScalarValidators.NumberValidator;
import io.baton.http.validation.ScalarValidators.StringValidator;
import io.baton.http.validation.StructuralValidators.DictValidator;
import io.baton.http.validation.StructuralValidators.Extra;
import io.baton.http.validation.StructuralValidators.Field;
import io.baton.http.validation.StructuralValidators.ListValidator;
import io.baton.http.validation.StructuralValidators.ModelValidator;
import io.baton.http.validation.StructuralValidators.TupleValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles the JSON Schema subset Pydantic emits into {@link SchemaValidator} trees. Component schemas are
 * compiled on first use and cached; {@code $ref}s are resolved lazily, so compiling never recurses into another
 * component.
 *
 * <p>Keywords that carry no validation are ignored: {@code title}, {@code description}, {@code default},
 * {@code examples}, {@code deprecated}, {@code writeOnly}, {@code contentMediaType}, and Prefect's
 * {@code supported_environment_variables}. {@code min_items} (snake case) is also ignored: it is an unrecognised
 * extra that FastAPI copied into the schema, and the Python server does not enforce it. Formats other than
 * uuid/date-time/date/duration/time-delta ({@code password}, {@code path}, {@code uri}) validate as plain strings.
 */
final class SchemaCompiler {
    private static final String REF_PREFIX = "#/components/schemas/";
    private static final AnyValidator ANY = new AnyValidator();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> MODE_SUFFIXES = List.of("-Input", "-Output");

    private final JsonNode components;
    private final Map<String, SchemaValidator> compiled = new ConcurrentHashMap<>();

    SchemaCompiler(JsonNode components) {
        this.components = components;
    }

    boolean hasSchema(String name) {
        return components.has(name);
    }

    JsonNode schema(String name) {
        JsonNode schema = components.get(name);
        if (schema == null) {
            throw new NoSuchElementException("No component schema named " + name);
        }
        return schema;
    }

    /** The validator for a component schema, compiled once. */
    SchemaValidator named(String name) {
        SchemaValidator v = compiled.get(name);
        if (v == null) {
            v = compiled.computeIfAbsent(name, n -> compile(schema(n), n));
        }
        return v;
    }

    void compileAllComponents() {
        components.fieldNames().forEachRemaining(this::named);
    }

    static String refName(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref == null) {
            return null;
        }
        String text = ref.asText();
        if (!text.startsWith(REF_PREFIX)) {
            throw new IllegalArgumentException("Unsupported $ref " + text);
        }
        return text.substring(REF_PREFIX.length());
    }

    /** Compiles an inline schema; {@code componentName} is set when this is the top of a component schema. */
    SchemaValidator compile(JsonNode schema, String componentName) {
        String ref = refName(schema);
        if (ref != null) {
            if (!hasSchema(ref)) {
                throw new IllegalArgumentException("Dangling $ref " + ref);
            }
            return new RefValidator(ref, this::named);
        }
        if (schema.has("discriminator") && schema.has("oneOf")) {
            return discriminated(schema);
        }
        if (schema.has("anyOf")) {
            return union(schema.get("anyOf"));
        }
        if (schema.has("oneOf")) {
            return union(schema.get("oneOf"));
        }
        if (schema.has("allOf")) {
            List<SchemaValidator> parts = new ArrayList<>();
            schema.get("allOf").forEach(part -> parts.add(compile(part, null)));
            return parts.size() == 1 ? parts.get(0) : new AllOfValidator(parts);
        }
        if (schema.has("const")) {
            return new EnumValidator(null, List.of(schema.get("const")), false);
        }
        if (schema.has("enum")) {
            List<JsonNode> values = new ArrayList<>();
            schema.get("enum").forEach(values::add);
            return new EnumValidator(componentName, values, componentName != null);
        }
        JsonNode type = schema.get("type");
        if (type != null && type.isArray()) {
            return unionOfTypes(schema, type);
        }
        if (type == null) {
            return schema.has("properties") ? object(schema, componentName) : ANY;
        }
        return switch (type.asText()) {
            case "string" -> string(schema);
            case "integer" -> new IntegerValidator(bounds(schema));
            case "number" -> "time-delta".equals(schema.path("format").asText())
                    ? new DurationValidator(true) : new NumberValidator(bounds(schema));
            case "boolean" -> new BooleanValidator();
            case "null" -> new NullValidator();
            case "array" -> array(schema);
            case "object" -> object(schema, componentName);
            default -> throw new IllegalArgumentException("Unsupported type " + type);
        };
    }

    private SchemaValidator union(JsonNode branchesNode) {
        List<SchemaValidator> branches = new ArrayList<>();
        boolean nullable = false;
        for (JsonNode branch : branchesNode) {
            if ("null".equals(branch.path("type").asText()) && branch.size() <= 2 && !branch.has("enum")) {
                nullable = true;
            } else {
                branches.add(compile(branch, null));
            }
        }
        SchemaValidator inner = branches.isEmpty() ? new NullValidator()
                : branches.size() == 1 ? branches.get(0) : new UnionValidator(branches);
        return nullable && !branches.isEmpty() ? new NullableValidator(inner) : inner;
    }

    private SchemaValidator unionOfTypes(JsonNode schema, JsonNode types) {
        ArrayNode branches = NODES.arrayNode();
        for (JsonNode t : types) {
            ObjectNode single = ((ObjectNode) schema).deepCopy();
            single.set("type", t);
            branches.add(single);
        }
        return union(branches);
    }

    private SchemaValidator discriminated(JsonNode schema) {
        JsonNode discriminator = schema.get("discriminator");
        String property = discriminator.path("propertyName").asText();
        Map<String, SchemaValidator> byTag = new LinkedHashMap<>();
        JsonNode mapping = discriminator.get("mapping");
        if (mapping != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                byTag.put(e.getKey(), compile(NODES.objectNode().put("$ref", e.getValue().asText()), null));
            }
        } else {
            // Without a mapping, each branch's tag is the const of its discriminator property.
            for (JsonNode branch : schema.get("oneOf")) {
                String ref = refName(branch);
                JsonNode target = ref != null ? schema(ref) : branch;
                JsonNode tag = target.path("properties").path(property).path("const");
                if (!tag.isMissingNode()) {
                    byTag.put(tag.asText(), compile(branch, null));
                }
            }
        }
        List<JsonNode> tags = new ArrayList<>();
        byTag.keySet().forEach(t -> tags.add(TextNode.valueOf(t)));
        return new DiscriminatedUnionValidator(property, byTag, PyRepr.expected(tags));
    }

    private SchemaValidator string(JsonNode schema) {
        String format = schema.path("format").asText("");
        switch (format) {
            case "uuid":
                return new UuidValidator();
            case "date-time":
                return new DateTimeValidator();
            case "date":
                return new DateValidator();
            case "duration":
                return new DurationValidator(false);
            default:
                break;
        }
        Integer min = intOrNull(schema, "minLength");
        Integer max = intOrNull(schema, "maxLength");
        PythonPattern pattern = schema.has("pattern") ? PythonPattern.compile(schema.get("pattern").asText()) : null;
        return new StringValidator(min, max, pattern);
    }

    private static Bounds bounds(JsonNode schema) {
        JsonNode le = schema.has("maximum") ? PyRepr.bound(schema.get("maximum")) : null;
        JsonNode lt = numericExclusive(schema, "exclusiveMaximum");
        JsonNode ge = schema.has("minimum") ? PyRepr.bound(schema.get("minimum")) : null;
        JsonNode gt = numericExclusive(schema, "exclusiveMinimum");
        Bounds b = new Bounds(le, lt, ge, gt);
        return b.isNone() ? Bounds.NONE : b;
    }

    /** OpenAPI 3.1 writes exclusive bounds as numbers; the 3.0 boolean form is not used by Pydantic v2. */
    private static JsonNode numericExclusive(JsonNode schema, String key) {
        JsonNode v = schema.get(key);
        return v != null && v.isNumber() ? PyRepr.bound(v) : null;
    }

    private SchemaValidator array(JsonNode schema) {
        if (schema.has("prefixItems")) {
            List<SchemaValidator> positions = new ArrayList<>();
            schema.get("prefixItems").forEach(p -> positions.add(compile(p, null)));
            return new TupleValidator(positions);
        }
        SchemaValidator items = schema.has("items") ? compile(schema.get("items"), null) : ANY;
        return new ListValidator(items, intOrNull(schema, "minItems"), intOrNull(schema, "maxItems"),
                schema.path("uniqueItems").asBoolean(false));
    }

    private SchemaValidator object(JsonNode schema, String componentName) {
        JsonNode additional = schema.get("additionalProperties");
        if (!schema.has("properties")) {
            if (additional == null || additional.isBoolean()) {
                return new DictValidator(ANY);
            }
            return new DictValidator(compile(additional, null));
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        List<Field> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.add(new Field(e.getKey(), compile(e.getValue(), null), required.contains(e.getKey())));
        }
        Extra extra;
        SchemaValidator extraValues = null;
        if (additional == null) {
            extra = Extra.IGNORE;
        } else if (additional.isBoolean()) {
            extra = additional.booleanValue() ? Extra.ALLOW : Extra.FORBID;
            extraValues = ANY;
        } else {
            extra = Extra.ALLOW;
            extraValues = compile(additional, null);
        }
        return new ModelValidator(modelName(componentName), fields, extra, extraValues);
    }

    /**
     * The Pydantic class name a model's union tag shows. The bundled contract carries no titles, so it is the
     * component's name less the {@code -Input}/{@code -Output} suffix FastAPI adds when a model's request and
     * response schemas differ.
     */
    static String modelName(String componentName) {
        if (componentName == null) {
            return "Model";
        }
        for (String suffix : MODE_SUFFIXES) {
            if (componentName.endsWith(suffix)) {
                return componentName.substring(0, componentName.length() - suffix.length());
            }
        }
        return componentName;
    }

    private static Integer intOrNull(JsonNode schema, String key) {
        JsonNode v = schema.get(key);
        return v != null && v.isNumber() ? v.intValue() : null;
    }
}
