package io.baton.domain.schema;

/** Python's {@code repr} of values, as Python servers word them in messages. */
public final class PythonRepr {

    private PythonRepr() {}

    /** Python repr of a str: single quotes unless the text contains a single quote and no double quote. */
    public static String str(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == quote) {
                        b.append('\\');
                    }
                    b.append(c);
                }
            }
        }
        return b.append(quote).toString();
    }
}
