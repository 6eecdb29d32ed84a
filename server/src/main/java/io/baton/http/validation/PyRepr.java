package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.List;

/** Renders values the way Pydantic's messages show them (Python repr, Python number formatting). */
final class PyRepr {
    private PyRepr() {}

    static String repr(JsonNode v) {
        if (v == null || v.isNull()) {
            return "None";
        }
        if (v.isTextual()) {
            return str(v.textValue());
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? "True" : "False";
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
            return floatRepr(v.doubleValue());
        }
        return v.toString();
    }

    /** Python repr of a str: single quotes unless the text contains a single quote and no double quote. */
    static String str(String s) {
        return io.baton.domain.schema.PythonRepr.str(s);
    }

    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return BigDecimal.valueOf(d).toBigInteger() + ".0";
        }
        return Double.toString(d);
    }

    /**
     * A schema bound (JSON numbers like {@code 0.0} in the schema) as the constraint value; integral bounds are
     * shown as integers because that is how the Python declarations write them ({@code ge=0}).
     */
    static JsonNode bound(JsonNode schemaNumber) {
        double d = schemaNumber.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return JsonNodeFactory.instance.numberNode((long) d);
        }
        return JsonNodeFactory.instance.numberNode(d);
    }

    static String boundText(JsonNode bound) {
        return bound.isIntegralNumber() ? bound.asText() : floatRepr(bound.doubleValue());
    }

    /** "'A', 'B' or 'C'" as in Pydantic's enum and literal messages. */
    static String expected(List<JsonNode> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(i == values.size() - 1 ? " or " : ", ");
            }
            b.append(repr(values.get(i)));
        }
        return b.toString();
    }

    static String plural(long n, String singular) {
        return n + " " + singular + (n == 1 ? "" : "s");
    }
}
