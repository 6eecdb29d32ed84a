package io.baton.http.validation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/** Pydantic's lax-mode parsing of strings into numbers and booleans. */
final class Coercions {
    private static final Pattern INT_TEXT = Pattern.compile("[+-]?\\d+(?:_\\d+)*");
    private static final Pattern INT_WITH_ZERO_FRACTION = Pattern.compile("([+-]?\\d+(?:_\\d+)*)\\.0*");
    private static final Pattern FLOAT_TEXT = Pattern.compile(
            "[+-]?(?:(?:\\d+(?:_\\d+)*(?:\\.(?:\\d+(?:_\\d+)*)?)?|\\.\\d+(?:_\\d+)*)(?:[eE][+-]?\\d+(?:_\\d+)*)?"
                    + "|inf|infinity|nan)",
            Pattern.CASE_INSENSITIVE);

    private Coercions() {}

    /** Integer text as Pydantic accepts it (surrounding whitespace, sign, {@code 1_000}, {@code 3.0}); else null. */
    static BigInteger parseInt(String text) {
        String t = text.strip();
        if (INT_TEXT.matcher(t).matches()) {
            return new BigInteger(t.replace("_", ""));
        }
        var m = INT_WITH_ZERO_FRACTION.matcher(t);
        if (m.matches()) {
            return new BigInteger(m.group(1).replace("_", ""));
        }
        return null;
    }

    /** Float text as Python's {@code float()} accepts it; else null. */
    static Double parseFloat(String text) {
        String t = text.strip();
        if (!FLOAT_TEXT.matcher(t).matches()) {
            return null;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        boolean negative = lower.startsWith("-");
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        return new BigDecimal(t.replace("_", "")).doubleValue();
    }

    /** Pydantic's string-to-bool table (case-insensitive); null when the text is not in it. */
    static Boolean parseBool(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "0", "off", "f", "false", "n", "no":
                return Boolean.FALSE;
            case "1", "on", "t", "true", "y", "yes":
                return Boolean.TRUE;
            default:
                return null;
        }
    }
}
