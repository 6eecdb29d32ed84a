package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Validators that combine or defer to other validators: unions, nullables, allOf, $ref, any, null. */
final class CombinatorValidators {
    private CombinatorValidators() {}

    /** {@code {}}: anything goes, returned unchanged. */
    record AnyValidator() implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            return input;
        }

        @Override
        public String tag() {
            return "any";
        }
    }

    /** {@code type: null} on its own. */
    record NullValidator() implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            if (input.isNull()) {
                return input;
            }
            sink.report("none_required", loc, "Input should be None", input, null);
            return null;
        }

        @Override
        public String tag() {
            return "none";
        }
    }

    /** The Optional idiom {@code anyOf: [X, {type: null}]}: errors are X's, without a union tag. */
    record NullableValidator(SchemaValidator inner) implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            return input.isNull() ? NullNode.instance : inner.validate(input, loc, sink, strict);
        }

        @Override
        public String tag() {
            return "nullable[" + inner.tag() + "]";
        }
    }

    /**
     * A union in Pydantic's smart mode: the first branch that accepts the input without coercion wins; failing
     * that, the first branch that accepts it with coercion. When every branch fails, each branch's errors are
     * reported with the branch's tag inserted into {@code loc}.
     */
    record UnionValidator(List<SchemaValidator> branches) implements SchemaValidator {
        UnionValidator {
            branches = List.copyOf(branches);
        }

        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            for (SchemaValidator branch : branches) {
                JsonNode value = branch.validate(input, loc, ErrorSink.DISCARD, true);
                if (value != null) {
                    return value;
                }
            }
            if (strict) {
                return null;
            }
            List<ErrorSink> failures = new ArrayList<>(branches.size());
            for (SchemaValidator branch : branches) {
                ErrorSink branchSink = ErrorSink.collecting();
                JsonNode value = branch.validate(input, Loc.child(loc, branch.tag()), branchSink, false);
                if (value != null) {
                    return value;
                }
                failures.add(branchSink);
            }
            for (ErrorSink failure : failures) {
                sink.addAll(failure.errors());
            }
            return null;
        }

        @Override
        public String tag() {
            StringBuilder b = new StringBuilder("union[");
            for (int i = 0; i < branches.size(); i++) {
                b.append(i == 0 ? "" : ",").append(branches.get(i).tag());
            }
            return b.append(']').toString();
        }
    }

    /**
     * {@code oneOf} with a {@code discriminator}: the branch is picked by the tag property's value, and errors
     * carry that value in {@code loc}.
     */
    record DiscriminatedUnionValidator(String property, Map<String, SchemaValidator> byTag, String expected)
            implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            if (!input.isObject()) {
                sink.report("model_attributes_type", loc,
                        "Input should be a valid dictionary or object to extract fields from", input, null);
                return null;
            }
            JsonNode tagValue = input.get(property);
            if (tagValue == null) {
                sink.report("union_tag_not_found", loc,
                        "Unable to extract tag using discriminator '" + property + "'", input,
                        ValidationErrors.ctx("discriminator", "'" + property + "'"));
                return null;
            }
            SchemaValidator branch = tagValue.isTextual() ? byTag.get(tagValue.textValue()) : null;
            if (branch == null) {
                var ctx = ValidationErrors.ctx("discriminator", "'" + property + "'");
                ctx.put("tag", tagValue.asText()).put("expected_tags", expected);
                sink.report("union_tag_invalid", loc, "Input tag '" + tagValue.asText()
                        + "' found using '" + property + "' does not match any of the expected tags: " + expected,
                        input, ctx);
                return null;
            }
            return branch.validate(input, Loc.child(loc, tagValue.textValue()), sink, strict);
        }

        @Override
        public String tag() {
            return "tagged-union[" + String.join(",", byTag.keySet()) + "]";
        }
    }

    /** {@code allOf}: every part must accept; each part sees the previous part's coerced value. */
    record AllOfValidator(List<SchemaValidator> parts) implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            JsonNode value = input;
            for (SchemaValidator part : parts) {
                value = part.validate(value, loc, sink, strict);
                if (value == null) {
                    return null;
                }
            }
            return value;
        }

        @Override
        public String tag() {
            return parts.get(0).tag();
        }
    }

    /**
     * {@code $ref} to a component schema, resolved on first use so that recursive schemas compile and each
     * component is compiled once.
     */
    static final class RefValidator implements SchemaValidator {
        private final String name;
        private final Function<String, SchemaValidator> resolver;
        private volatile SchemaValidator target;

        RefValidator(String name, Function<String, SchemaValidator> resolver) {
            this.name = name;
            this.resolver = resolver;
        }

        SchemaValidator target() {
            SchemaValidator t = target;
            if (t == null) {
                t = resolver.apply(name);
                target = t;
            }
            return t;
        }

        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            return target().validate(input, loc, sink, strict);
        }

        @Override
        public String tag() {
            return target().tag();
        }
    }
}
