package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validators for objects (models and dicts) and arrays (lists, sets and tuples). */
final class StructuralValidators {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StructuralValidators() {}

    /** What a model does with keys it does not declare. */
    enum Extra { FORBID, IGNORE, ALLOW }

    record Field(String name, SchemaValidator validator, boolean required) {}

    /**
     * An object with {@code properties}: a Pydantic model. Errors come field by field in declaration order, then
     * one {@code extra_forbidden} per unknown key. Unknown keys are dropped from the coerced value unless allowed.
     */
    static final class ModelValidator implements SchemaValidator {
        private final String name;
        private final Field[] fields;
        private final Map<String, Field> byName;
        private final Extra extra;
        private final SchemaValidator extraValues;

        ModelValidator(String name, List<Field> fields, Extra extra, SchemaValidator extraValues) {
            this.name = name;
            this.fields = fields.toArray(Field[]::new);
            this.byName = new HashMap<>();
            for (Field f : fields) {
                byName.put(f.name(), f);
            }
            this.extra = extra;
            this.extraValues = extraValues;
        }

        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            if (!input.isObject()) {
                sink.report("model_attributes_type", loc,
                        "Input should be a valid dictionary or object to extract fields from", input, null);
                return null;
            }
            boolean ok = true;
            ObjectNode out = NODES.objectNode();
            for (Field field : fields) {
                JsonNode value = input.get(field.name());
                if (value == null) {
                    if (field.required()) {
                        sink.report("missing", Loc.child(loc, field.name()), "Field required", input, null);
                        ok = false;
                    }
                    continue;
                }
                JsonNode coerced = field.validator().validate(value, Loc.child(loc, field.name()), sink, strict);
                if (coerced == null) {
                    ok = false;
                } else if (ok) {
                    out.set(field.name(), coerced);
                }
            }
            if (extra != Extra.IGNORE) {
                ok &= checkExtras(input, out, loc, sink, strict);
            }
            return ok ? out : null;
        }

        private boolean checkExtras(JsonNode input, ObjectNode out, Loc loc, ErrorSink sink, boolean strict) {
            boolean ok = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (byName.containsKey(e.getKey())) {
                    continue;
                }
                if (extra == Extra.FORBID) {
                    sink.report("extra_forbidden", Loc.child(loc, e.getKey()), "Extra inputs are not permitted",
                            e.getValue(), null);
                    ok = false;
                } else {
                    JsonNode coerced = extraValues.validate(e.getValue(), Loc.child(loc, e.getKey()), sink, strict);
                    if (coerced == null) {
                        ok = false;
                    } else {
                        out.set(e.getKey(), coerced);
                    }
                }
            }
            return ok;
        }

        @Override
        public String tag() {
            return name;
        }
    }

    /** An object without {@code properties}: a {@code dict[str, V]}. */
    record DictValidator(SchemaValidator values) implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            if (!input.isObject()) {
                sink.report("dict_type", loc, "Input should be a valid dictionary", input, null);
                return null;
            }
            if (values instanceof CombinatorValidators.AnyValidator) {
                return input;
            }
            boolean ok = true;
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode coerced = values.validate(e.getValue(), Loc.child(loc, e.getKey()), sink, strict);
                if (coerced == null) {
                    ok = false;
                } else {
                    out.set(e.getKey(), coerced);
                }
            }
            return ok ? out : null;
        }

        @Override
        public String tag() {
            return "dict[str," + values.tag() + "]";
        }
    }

    /**
     * A {@code list[T]}, or a {@code set[T]} when the schema says {@code uniqueItems} (Pydantic de-duplicates a
     * set silently rather than rejecting duplicates).
     */
    record ListValidator(SchemaValidator items, Integer minItems, Integer maxItems, boolean isSet)
            implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            if (!input.isArray()) {
                if (isSet) {
                    sink.report("set_type", loc, "Input should be a valid set", input, null);
                } else {
                    sink.report("list_type", loc, "Input should be a valid list", input, null);
                }
                return null;
            }
            boolean ok = true;
            ArrayNode out = NODES.arrayNode(input.size());
            Set<JsonNode> seen = isSet ? new HashSet<>() : null;
            for (int i = 0; i < input.size(); i++) {
                JsonNode coerced = items.validate(input.get(i), Loc.child(loc, i), sink, strict);
                if (coerced == null) {
                    ok = false;
                } else if (seen == null || seen.add(coerced)) {
                    out.add(coerced);
                }
            }
            if (!ok) {
                return null;
            }
            String kind = isSet ? "Set" : "List";
            return lengthCheck(kind, out, input, minItems, maxItems, loc, sink) ? out : null;
        }

        @Override
        public String tag() {
            return (isSet ? "set[" : "list[") + items.tag() + "]";
        }
    }

    static boolean lengthCheck(String kind, ArrayNode out, JsonNode input, Integer min, Integer max, Loc loc,
            ErrorSink sink) {
        int n = out.size();
        if (min != null && n < min) {
            ObjectNode ctx = NODES.objectNode().put("field_type", kind).put("min_length", min).put("actual_length", n);
            sink.report("too_short", loc, kind + " should have at least " + PyRepr.plural(min, "item")
                    + " after validation, not " + n, input, ctx);
            return false;
        }
        if (max != null && n > max) {
            ObjectNode ctx = NODES.objectNode().put("field_type", kind).put("max_length", max).put("actual_length", n);
            sink.report("too_long", loc, kind + " should have at most " + PyRepr.plural(max, "item")
                    + " after validation, not " + n, input, ctx);
            return false;
        }
        return true;
    }

    /** {@code prefixItems}: a fixed-shape {@code tuple[A, B]}; absent positions are {@code missing}. */
    record TupleValidator(List<SchemaValidator> positions) implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            if (!input.isArray()) {
                sink.report("tuple_type", loc, "Input should be a valid tuple", input, null);
                return null;
            }
            boolean ok = true;
            ArrayNode out = NODES.arrayNode(positions.size());
            for (int i = 0; i < positions.size(); i++) {
                if (i >= input.size()) {
                    sink.report("missing", Loc.child(loc, i), "Field required", input, null);
                    ok = false;
                    continue;
                }
                JsonNode coerced = positions.get(i).validate(input.get(i), Loc.child(loc, i), sink, strict);
                if (coerced == null) {
                    ok = false;
                } else {
                    out.add(coerced);
                }
            }
            if (ok && input.size() > positions.size()) {
                ObjectNode ctx = NODES.objectNode().put("field_type", "Tuple").put("max_length", positions.size())
                        .put("actual_length", input.size());
                sink.report("too_long", loc, "Tuple should have at most " + PyRepr.plural(positions.size(), "item")
                        + " after validation, not " + input.size(), input, ctx);
                return null;
            }
            return ok ? out : null;
        }

        @Override
        public String tag() {
            StringBuilder b = new StringBuilder("tuple[");
            for (int i = 0; i < positions.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(positions.get(i).tag());
            }
            return b.append(']').toString();
        }
    }
}
