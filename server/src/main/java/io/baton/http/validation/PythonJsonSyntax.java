package io.baton.http.validation;

/**
 * A syntax-only JSON scanner that mirrors CPython's {@code json} decoder (C scanner, Python 3.12 messages),
 * used only to describe why a body failed to parse.
 */
final class PythonJsonSyntax {
    record Failure(int position, String message) {}

    private static final class Fail extends RuntimeException {
        final int position;

        Fail(int position, String message) {
            super(message, null, false, false);
            this.position = position;
        }
    }

    private final String s;

    private PythonJsonSyntax(String s) {
        this.s = s;
    }

    static Failure check(String text) {
        PythonJsonSyntax scanner = new PythonJsonSyntax(text);
        try {
            int end = scanner.value(scanner.skipWs(0));
            end = scanner.skipWs(end);
            if (end != text.length()) {
                return new Failure(end, "Extra data");
            }
            return null;
        } catch (Fail f) {
            return new Failure(f.position, f.getMessage());
        }
    }

    private int skipWs(int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    private char at(int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    /** Scans one value starting exactly at {@code i}; returns the index after it. */
    private int value(int i) {
        if (i >= s.length()) {
            throw new Fail(i, "Expecting value");
        }
        char c = s.charAt(i);
        switch (c) {
            case '"':
                return string(i);
            case '{':
                return object(i + 1);
            case '[':
                return array(i + 1);
            case 'n':
                return literal(i, "null");
            case 't':
                return literal(i, "true");
            case 'f':
                return literal(i, "false");
            case 'N':
                return literal(i, "NaN");
            case 'I':
                return literal(i, "Infinity");
            case '-':
                if (s.startsWith("-Infinity", i)) {
                    return i + 9;
                }
                return number(i);
            default:
                return number(i);
        }
    }

    private int literal(int i, String word) {
        if (s.startsWith(word, i)) {
            return i + word.length();
        }
        throw new Fail(i, "Expecting value");
    }

    private int number(int start) {
        int i = start;
        if (at(i) == '-') {
            i++;
        }
        if (at(i) == '0') {
            i++;
        } else if (at(i) >= '1' && at(i) <= '9') {
            while (Character.isDigit(at(i)) && at(i) < 128) {
                i++;
            }
        } else {
            throw new Fail(start, "Expecting value");
        }
        if (at(i) == '.' && isAsciiDigit(at(i + 1))) {
            i += 2;
            while (isAsciiDigit(at(i))) {
                i++;
            }
        }
        if ((at(i) == 'e' || at(i) == 'E')) {
            int j = i + 1;
            if (at(j) == '+' || at(j) == '-') {
                j++;
            }
            if (isAsciiDigit(at(j))) {
                while (isAsciiDigit(at(j))) {
                    j++;
                }
                i = j;
            }
        }
        return i;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private int string(int quote) {
        int i = quote + 1;
        while (true) {
            if (i >= s.length()) {
                throw new Fail(quote, "Unterminated string starting at");
            }
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    throw new Fail(quote, "Unterminated string starting at");
                }
                char e = s.charAt(i + 1);
                if (e == 'u') {
                    if (i + 6 > s.length()) {
                        throw new Fail(i, "Invalid \\uXXXX escape");
                    }
                    for (int k = i + 2; k < i + 6; k++) {
                        if (Character.digit(s.charAt(k), 16) < 0 || s.charAt(k) > 127) {
                            throw new Fail(i, "Invalid \\uXXXX escape");
                        }
                    }
                    i += 6;
                    continue;
                }
                if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw new Fail(i, "Invalid \\escape");
                }
                i += 2;
                continue;
            }
            if (c <= 0x1f) {
                throw new Fail(i, "Invalid control character at");
            }
            i++;
        }
    }

    private int object(int i) {
        i = skipWs(i);
        if (at(i) == '}' && i < s.length()) {
            return i + 1;
        }
        while (true) {
            if (at(i) != '"' || i >= s.length()) {
                throw new Fail(i, "Expecting property name enclosed in double quotes");
            }
            i = skipWs(string(i));
            if (at(i) != ':' || i >= s.length()) {
                throw new Fail(i, "Expecting ':' delimiter");
            }
            i = skipWs(value(skipWs(i + 1)));
            if (i < s.length() && s.charAt(i) == '}') {
                return i + 1;
            }
            if (i >= s.length() || s.charAt(i) != ',') {
                throw new Fail(i, "Expecting ',' delimiter");
            }
            i = skipWs(i + 1);
        }
    }

    private int array(int i) {
        i = skipWs(i);
        if (i < s.length() && s.charAt(i) == ']') {
            return i + 1;
        }
        while (true) {
            i = skipWs(value(i));
            if (i < s.length() && s.charAt(i) == ']') {
                return i + 1;
            }
            if (i >= s.length() || s.charAt(i) != ',') {
                throw new Fail(i, "Expecting ',' delimiter");
            }
            i = skipWs(i + 1);
        }
    }
}
