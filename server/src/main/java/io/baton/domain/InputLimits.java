package io.baton.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The limits every request is held to, in one place, identical on SQLite and PostgreSQL. They exist where a
 * database would otherwise refuse or alter a value after the request was accepted: PostgreSQL stores no NUL
 * character, a lone surrogate cannot be encoded in UTF-8 (the driver would store {@code ?}), a B-tree index row
 * holds at most about 2,700 bytes, {@code LIMIT}/{@code OFFSET} and integer columns take 32 bits, and SQLite
 * refuses {@code LIKE} patterns past 50,000 bytes. Documented in {@code docs/input-limits.md}.
 */
public final class InputLimits {

    private InputLimits() {}

    /** Largest request body, in bytes; larger ones get 413 before they are read. */
    public static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

    /** Deepest nesting of arrays and objects in a JSON body (stored JSON is read back with the same bound). */
    public static final int MAX_JSON_NESTING_DEPTH = 500;

    /**
     * Longest value, in characters, of a field that is indexed: names, keys, slugs, tags, versions, event names
     * and resource ids. Two such fields share one index at most, and a character takes at most 4 bytes in UTF-8:
     * 2 x 300 x 4 = 2,400 bytes stays under PostgreSQL's B-tree row limit.
     */
    public static final int MAX_INDEXED_TEXT_LENGTH = 300;

    /**
     * Longest filter value that becomes a LIKE pattern ({@code like_}, {@code startswith_}, event prefixes and label
     * globs), in characters: escaped or not, at most 4 bytes each, under SQLite's 50,000-byte pattern limit.
     */
    public static final int MAX_LIKE_PATTERN_LENGTH = 10_000;

    /** Integers in requests fit in 32 bits: the columns and LIMIT/OFFSET they reach are 32-bit on PostgreSQL. */
    public static final long MAX_INTEGER = Integer.MAX_VALUE;
    public static final long MIN_INTEGER = Integer.MIN_VALUE;

    /** Why a string cannot be stored unaltered. */
    public enum Unstorable {
        /** U+0000, which PostgreSQL text and jsonb refuse. */
        NUL,
        /** A high surrogate without its low half or a low one without its high half. */
        LONE_SURROGATE
    }

    /**
     * The first reason {@code s} cannot be stored as it is, or null when it can. One pass over the characters
     * with no allocation: it runs on every string of every request.
     */
    public static Unstorable unstorable(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '\u0001' && c < Character.MIN_SURROGATE) {
                continue;
            }
            if (c == '\u0000') {
                return Unstorable.NUL;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Unstorable.LONE_SURROGATE;
            }
            if (Character.isLowSurrogate(c)) {
                return Unstorable.LONE_SURROGATE;
            }
        }
        return null;
    }

    /** Whether any string or key in {@code node} is unstorable: allocation-free, every request body passes it. */
    public static boolean containsUnstorable(JsonNode node) {
        if (node.isTextual()) {
            return unstorable(node.textValue()) != null;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (unstorable(field.getKey()) != null || containsUnstorable(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (containsUnstorable(node.get(i))) {
                    return true;
                }
            }
        }
        return false;
    }
}
