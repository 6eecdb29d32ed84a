package io.baton.domain.orchestration.recorder;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Null-tolerant readers for the JSON the Python client sends. */
final class JsonFields {
    private JsonFields() {}

    static boolean present(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && !v.isNull() && !v.isMissingNode();
    }

    static String text(JsonNode node, String field) {
        return present(node, field) ? node.get(field).asText() : null;
    }

    static UUID uuid(JsonNode node, String field) {
        String t = text(node, field);
        return t == null ? null : UUID.fromString(t);
    }

    static Integer integer(JsonNode node, String field) {
        return present(node, field) ? node.get(field).asInt() : null;
    }

    static Double number(JsonNode node, String field) {
        return present(node, field) ? node.get(field).asDouble() : null;
    }

    static Boolean bool(JsonNode node, String field) {
        return present(node, field) ? node.get(field).asBoolean() : null;
    }

    static boolean bool(JsonNode node, String field, boolean fallback) {
        Boolean b = bool(node, field);
        return b == null ? fallback : b;
    }

    /** ISO date-times with {@code Z}, an offset, or none (taken as UTC). */
    static Instant instant(JsonNode node, String field) {
        String t = text(node, field);
        return t == null ? null : parseInstant(t);
    }

    static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException offsetMissing) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    static Duration seconds(JsonNode node, String field) {
        Double s = number(node, field);
        return s == null ? null : Duration.ofNanos(Math.round(s * 1e9));
    }

    static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        if (present(node, field)) {
            node.get(field).forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    static Map<String, String> stringMap(JsonNode node, String field) {
        if (!present(node, field)) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        node.get(field).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    static JsonNode json(JsonNode node, String field) {
        return present(node, field) ? node.get(field) : null;
    }
}
