package io.baton.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code ResourceSpecification}: label name -> accepted values. A value may be a glob ({@code *} matches any
 * text) and may be negated with a leading {@code !}. A label matches when its value matches one of the
 * positive patterns (if any) and none of the negated ones; a missing label matches only negations.
 */
public record LabelSpec(Map<String, Values> labels) {

    /** The patterns of one label, split into accepted and rejected. */
    public record Values(List<String> accept, List<String> reject) {}

    public static LabelSpec parse(JsonNode node) {
        Map<String, Values> labels = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> accept = new ArrayList<>();
                List<String> reject = new ArrayList<>();
                List<String> raw = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> raw.add(v.asText()));
                } else {
                    raw.add(e.getValue().asText());
                }
                for (String v : raw) {
                    if (v.startsWith("!")) {
                        reject.add(v.substring(1));
                    } else {
                        accept.add(v);
                    }
                }
                labels.put(e.getKey(), new Values(List.copyOf(accept), List.copyOf(reject)));
            }
        }
        return new LabelSpec(labels);
    }

    public boolean isEmpty() {
        return labels.isEmpty();
    }

    /** Whether a resource (its labels as a JSON object) satisfies every label of the specification. */
    public boolean matches(JsonNode resource) {
        for (Map.Entry<String, Values> e : labels.entrySet()) {
            JsonNode v = resource.get(e.getKey());
            String value = v == null || v.isNull() ? null : v.asText();
            Values values = e.getValue();
            if (value == null) {
                if (!values.accept().isEmpty()) {
                    return false;
                }
                continue;
            }
            if (!values.accept().isEmpty() && values.accept().stream().noneMatch(p -> glob(p, value))) {
                return false;
            }
            if (values.reject().stream().anyMatch(p -> glob(p, value))) {
                return false;
            }
        }
        return true;
    }

    public static boolean glob(String pattern, String value) {
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(value);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }
}
