package io.baton.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code text.query} search: space-separated terms matched case-insensitively as substrings. Plain terms
 * are alternatives (at least one must occur), {@code +term} must occur, {@code -term} and {@code !term}
 * must not; double quotes keep a phrase together ({@code "connection timeout"}, {@code -"not this"}).
 * All terms are kept in lower case.
 */
public record TextSearch(List<String> anyOf, List<String> required, List<String> excluded) {

    public static TextSearch parse(String query) {
        List<String> anyOf = new ArrayList<>();
        List<String> required = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        String q = query == null ? "" : query.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            char sign = 0;
            if ((c == '+' || c == '-' || c == '!') && i + 1 < q.length() && !Character.isWhitespace(q.charAt(i + 1))) {
                sign = c;
                i++;
            }
            String term;
            if (q.charAt(i) == '"') {
                int end = q.indexOf('"', i + 1);
                term = end < 0 ? q.substring(i + 1) : q.substring(i + 1, end);
                i = end < 0 ? q.length() : end + 1;
            } else {
                int end = i;
                while (end < q.length() && !Character.isWhitespace(q.charAt(end))) {
                    end++;
                }
                term = q.substring(i, end);
                i = end;
            }
            if (term.isEmpty()) {
                continue;
            }
            switch (sign) {
                case '+' -> required.add(term);
                case '-', '!' -> excluded.add(term);
                default -> anyOf.add(term);
            }
        }
        return new TextSearch(List.copyOf(anyOf), List.copyOf(required), List.copyOf(excluded));
    }

    public boolean isEmpty() {
        return anyOf.isEmpty() && required.isEmpty() && excluded.isEmpty();
    }

    /** The in-memory form of the search, for live streams. */
    public boolean matches(String text) {
        String haystack = text == null ? "" : text.toLowerCase(Locale.ROOT);
        if (!anyOf.isEmpty() && anyOf.stream().noneMatch(haystack::contains)) {
            return false;
        }
        return required.stream().allMatch(haystack::contains) && excluded.stream().noneMatch(haystack::contains);
    }
}
