package io.baton.http.validation;

import java.util.regex.Pattern;

/**
 * A schema {@code pattern}, matched the way Pydantic matches it: an unanchored search (the pattern anchors itself
 * if it wants to), with Rust-regex semantics where {@code $} means end of text, not "before a final newline".
 * Compiled once when the schema is compiled.
 */
final class PythonPattern {
    private final String source;
    private final Pattern compiled;

    private PythonPattern(String source, Pattern compiled) {
        this.source = source;
        this.compiled = compiled;
    }

    static PythonPattern compile(String source) {
        return new PythonPattern(source, Pattern.compile(translate(source)));
    }

    String source() {
        return source;
    }

    boolean search(String input) {
        return compiled.matcher(input).find();
    }

    /** Rewrites the few constructs whose meaning differs between Python/Rust regexes and java.util.regex. */
    static String translate(String source) {
        StringBuilder out = new StringBuilder(source.length() + 8);
        boolean inClass = false;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length()) {
                char next = source.charAt(i + 1);
                if (!inClass && next == 'Z') {
                    out.append("\\z"); // Python's \Z is Java's \z
                } else {
                    out.append(c).append(next);
                }
                i++;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                // a ']' right after '[' or '[^' is a literal member
                if (i + 1 < source.length() && source.charAt(i + 1) == '^') {
                    out.append('^');
                    i++;
                }
                if (i + 1 < source.length() && source.charAt(i + 1) == ']') {
                    out.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '$') {
                out.append("\\z");
                continue;
            }
            if (c == '(' && source.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 3;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }
}
