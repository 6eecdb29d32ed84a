package io.baton.domain.automation.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resource specification ({@code match} or one {@code match_related} entry): label to accepted values. A
 * value ending in {@code *} is a prefix; one starting with {@code !} excludes. A resource matches when every
 * label has one of the positive values (if any are given) and none of the negative ones.
 */
public record ResourceSpec(Map<String, List<String>> labels) {

    public static final ResourceSpec ANY = new ResourceSpec(Map.of());

    public static ResourceSpec parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return ANY;
        }
        Map<String, List<String>> labels = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> values.add(v.asText()));
            } else if (!e.getValue().isNull()) {
                values.add(e.getValue().asText());
            }
            labels.put(e.getKey(), values);
        });
        return new ResourceSpec(labels);
    }

    /** {@code match_related}: one object or a list of them; each must match some related resource. */
    public static List<ResourceSpec> parseRelated(JsonNode node) {
        List<ResourceSpec> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(parse(n)));
        } else if (node != null && node.isObject() && !node.isEmpty()) {
            out.add(parse(node));
        }
        return out;
    }

    public boolean isEmpty() {
        return labels.isEmpty();
    }

    public boolean matches(JsonNode resource) {
        for (Map.Entry<String, List<String>> e : labels.entrySet()) {
            JsonNode v = resource == null ? null : resource.get(e.getKey());
            String value = v == null || v.isNull() ? null : v.asText();
            boolean anyPositive = false;
            boolean positiveHit = false;
            for (String expected : e.getValue()) {
                if (expected.startsWith("!")) {
                    if (value != null && valueMatches(expected.substring(1), value)) {
                        return false;
                    }
                } else {
                    anyPositive = true;
                    positiveHit |= value != null && valueMatches(expected, value);
                }
            }
            if (anyPositive && !positiveHit) {
                return false;
            }
        }
        return true;
    }

    /** True when some resource of {@code resources} (an array) matches; the empty spec matches anything. */
    public boolean includes(JsonNode resources) {
        if (isEmpty()) {
            return true;
        }
        if (resources != null) {
            for (JsonNode r : resources) {
                if (matches(r)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean valueMatches(String expected, String value) {
        return expected.endsWith("*") ? value.startsWith(expected.substring(0, expected.length() - 1))
                : expected.equals(value);
    }
}
