package io.baton.http.validation;

import static io.baton.http.validation.ValidationErrors.ctx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** Validators for string, integer, number, boolean, enum and literal schemas. */
final class ScalarValidators {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ScalarValidators() {}

    /** {@code type: string} with optional length and pattern constraints (formats are handled elsewhere). */
    record StringValidator(Integer minLength, Integer maxLength, PythonPattern pattern) implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            if (!input.isTextual()) {
                sink.report("string_type", loc, "Input should be a valid string", input, null);
                return null;
            }
            String s = input.textValue();
            if (minLength != null || maxLength != null) {
                int length = s.codePointCount(0, s.length());
                if (minLength != null && length < minLength) {
                    sink.report("string_too_short", loc,
                            "String should have at least " + PyRepr.plural(minLength, "character"), input,
                            ctx("min_length", NODES.numberNode(minLength)));
                    return null;
                }
                if (maxLength != null && length > maxLength) {
                    sink.report("string_too_long", loc,
                            "String should have at most " + PyRepr.plural(maxLength, "character"), input,
                            ctx("max_length", NODES.numberNode(maxLength)));
                    return null;
                }
            }
            if (pattern != null && !pattern.search(s)) {
                sink.report("string_pattern_mismatch", loc,
                        "String should match pattern '" + pattern.source() + "'", input,
                        ctx("pattern", pattern.source()));
                return null;
            }
            return input;
        }

        @Override
        public String tag() {
            return "str";
        }
    }

    /** Inclusive/exclusive bounds shared by integer and number schemas, checked in Pydantic's order. */
    record Bounds(JsonNode le, JsonNode lt, JsonNode ge, JsonNode gt) {
        static final Bounds NONE = new Bounds(null, null, null, null);

        boolean isNone() {
            return le == null && lt == null && ge == null && gt == null;
        }

        boolean check(JsonNode original, BigDecimal value, Loc loc, ErrorSink sink) {
            if (le != null && value.compareTo(le.decimalValue()) > 0) {
                return fail(sink, loc, original, "less_than_equal", "less than or equal to", "le", le);
            }
            if (lt != null && value.compareTo(lt.decimalValue()) >= 0) {
                return fail(sink, loc, original, "less_than", "less than", "lt", lt);
            }
            if (ge != null && value.compareTo(ge.decimalValue()) < 0) {
                return fail(sink, loc, original, "greater_than_equal", "greater than or equal to", "ge", ge);
            }
            if (gt != null && value.compareTo(gt.decimalValue()) <= 0) {
                return fail(sink, loc, original, "greater_than", "greater than", "gt", gt);
            }
            return true;
        }

        private static boolean fail(ErrorSink sink, Loc loc, JsonNode input, String type, String words, String key,
                JsonNode bound) {
            sink.report(type, loc, "Input should be " + words + " " + PyRepr.boundText(bound), input,
                    ctx(key, bound));
            return false;
        }
    }

    record IntegerValidator(Bounds bounds) implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            JsonNode value = coerce(input, loc, sink, strict);
            if (value == null || bounds.isNone()) {
                return value;
            }
            return bounds.check(input, value.decimalValue(), loc, sink) ? value : null;
        }

        private static JsonNode coerce(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            if (input.isIntegralNumber()) {
                return input;
            }
            if (strict) {
                sink.report("int_type", loc, "Input should be a valid integer", input, null);
                return null;
            }
            if (input.isNumber()) {
                double d = input.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    sink.report("finite_number", loc, "Input should be a finite number", input, null);
                    return null;
                }
                BigDecimal exact = input.decimalValue();
                if (exact.stripTrailingZeros().scale() > 0) {
                    sink.report("int_from_float", loc,
                            "Input should be a valid integer, got a number with a fractional part", input, null);
                    return null;
                }
                return integerNode(exact.toBigIntegerExact());
            }
            if (input.isTextual()) {
                BigInteger parsed = Coercions.parseInt(input.textValue());
                if (parsed == null) {
                    sink.report("int_parsing", loc,
                            "Input should be a valid integer, unable to parse string as an integer", input, null);
                    return null;
                }
                return integerNode(parsed);
            }
            if (input.isBoolean()) {
                return NODES.numberNode(input.booleanValue() ? 1 : 0);
            }
            sink.report("int_type", loc, "Input should be a valid integer", input, null);
            return null;
        }

        @Override
        public String tag() {
            return "int";
        }
    }

    static JsonNode integerNode(BigInteger value) {
        if (value.bitLength() < 32) {
            return NODES.numberNode(value.intValue());
        }
        return value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
    }

    record NumberValidator(Bounds bounds) implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            Double d = coerce(input, loc, sink, strict);
            if (d == null) {
                return null;
            }
            if (!bounds.isNone() && !Double.isNaN(d) && !Double.isInfinite(d)
                    && !bounds.check(input, BigDecimal.valueOf(d), loc, sink)) {
                return null;
            }
            return DoubleNode.valueOf(d);
        }

        private static Double coerce(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            if (input.isNumber()) {
                return input.doubleValue();
            }
            if (!strict && input.isTextual()) {
                Double parsed = Coercions.parseFloat(input.textValue());
                if (parsed == null) {
                    sink.report("float_parsing", loc,
                            "Input should be a valid number, unable to parse string as a number", input, null);
                }
                return parsed;
            }
            if (!strict && input.isBoolean()) {
                return input.booleanValue() ? 1.0 : 0.0;
            }
            sink.report("float_type", loc, "Input should be a valid number", input, null);
            return null;
        }

        @Override
        public String tag() {
            return "float";
        }
    }

    record BooleanValidator() implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            if (input.isBoolean()) {
                return input;
            }
            if (!strict) {
                if (input.isTextual()) {
                    Boolean parsed = Coercions.parseBool(input.textValue());
                    if (parsed != null) {
                        return BooleanNode.valueOf(parsed);
                    }
                    return parsingError(input, loc, sink);
                }
                if (input.isNumber()) {
                    double d = input.doubleValue();
                    if (d == 0 || d == 1) {
                        return BooleanNode.valueOf(d == 1);
                    }
                    return parsingError(input, loc, sink);
                }
            }
            sink.report("bool_type", loc, "Input should be a valid boolean", input, null);
            return null;
        }

        private static JsonNode parsingError(JsonNode input, Loc loc, ErrorSink sink) {
            sink.report("bool_parsing", loc, "Input should be a valid boolean, unable to interpret input", input,
                    null);
            return null;
        }

        @Override
        public String tag() {
            return "bool";
        }
    }

    /**
     * A fixed set of allowed values. Named component enums are Python {@code Enum} classes (error type
     * {@code enum}); inline {@code enum}/{@code const} are {@code Literal}s (error type {@code literal_error}).
     */
    record EnumValidator(String name, List<JsonNode> values, boolean isEnumClass) implements SchemaValidator {
        EnumValidator {
            values = List.copyOf(values);
        }

        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            // Strict Python-mode validation of an Enum wants an Enum instance, which JSON never is.
            if (!(strict && isEnumClass)) {
                for (JsonNode allowed : values) {
                    if (sameValue(allowed, input)) {
                        return allowed;
                    }
                }
            }
            String expected = PyRepr.expected(values);
            ObjectNode ctx = ctx("expected", expected);
            sink.report(isEnumClass ? "enum" : "literal_error", loc, "Input should be " + expected, input, ctx);
            return null;
        }

        private static boolean sameValue(JsonNode allowed, JsonNode input) {
            if (allowed.isNumber() && input.isNumber() && !input.isBoolean()) {
                return allowed.decimalValue().compareTo(input.decimalValue()) == 0;
            }
            return allowed.equals(input);
        }

        @Override
        public String tag() {
            if (isEnumClass) {
                return name;
            }
            StringBuilder b = new StringBuilder("literal[");
            for (int i = 0; i < values.size(); i++) {
                b.append(i == 0 ? "" : ",").append(PyRepr.repr(values.get(i)));
            }
            return b.append(']').toString();
        }
    }
}
