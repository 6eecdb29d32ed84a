package io.baton.domain.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.filter.Criterion.Match;
import io.baton.domain.filter.Criterion.Op;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Prefect filter object ({@code {"name": {"any_": [...]}, "state": {"type": {...}}, "operator": "or_"}})
 * into a {@link Criterion}. The body was already validated against the API schema, so this only gives
 * the operators their meaning:
 * <ul>
 *   <li>{@code any_: []} matches nothing; {@code not_any_}, {@code all_}, {@code like_} empty or null are ignored;</li>
 *   <li>criteria inside one object are AND-ed unless {@code "operator": "or_"};</li>
 *   <li>nested objects (e.g. {@code state.type}) become dotted field names.</li>
 * </ul>
 */
public final class FilterParser {

    /** Fields whose {@code any_} means "shares a value" with a JSON list rather than "is one of". */
    private static final Set<String> LIST_FIELDS = Set.of("tags");

    private FilterParser() {}

    public static Criterion parse(JsonNode filter) {
        return parse(filter, "");
    }

    /** Parses the filter keys of a request body ({@code flows}, {@code flow_runs}, ...) into related criteria. */
    public static Criterion parseBody(JsonNode body, String self, Map<String, String> relations) {
        if (body == null || !body.isObject()) {
            return Criterion.EVERYTHING;
        }
        List<Criterion> parts = new ArrayList<>();
        for (Map.Entry<String, String> relation : relations.entrySet()) {
            JsonNode filter = body.get(relation.getKey());
            if (filter == null || filter.isNull()) {
                continue;
            }
            Criterion c = parse(filter);
            if (Criterion.isEverything(c)) {
                continue;
            }
            parts.add(relation.getValue().equals(self) ? c : new Criterion.Related(relation.getValue(), c));
        }
        return parts.size() == 1 ? parts.getFirst() : new Criterion.All(parts);
    }

    private static Criterion parse(JsonNode filter, String prefix) {
        if (filter == null || !filter.isObject()) {
            return Criterion.EVERYTHING;
        }
        boolean or = "or_".equals(filter.path("operator").asText("and_"));
        List<Criterion> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.equals("operator") || value == null || value.isNull()) {
                continue;
            }
            Criterion c = operator(prefix, key, value);
            if (c == null && value.isObject()) {
                c = parse(value, prefix.isEmpty() ? key : prefix + "." + key);
            }
            if (c != null && !Criterion.isEverything(c)) {
                parts.add(c);
            }
        }
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        return or ? new Criterion.Any(parts) : new Criterion.All(parts);
    }

    /** One operator key of a field filter, or null when {@code key} is not an operator. */
    private static Criterion operator(String field, String key, JsonNode value) {
        String leaf = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
        boolean listField = LIST_FIELDS.contains(leaf);
        return switch (key) {
            case "any_" -> list(value).isEmpty() ? Criterion.NOTHING
                    : new Match(field, listField ? Op.CONTAINS_ANY : Op.IN, list(value));
            case "not_any_" -> list(value).isEmpty() ? Criterion.EVERYTHING : new Match(field, Op.NOT_IN, list(value));
            case "all_" -> list(value).isEmpty() ? Criterion.EVERYTHING : new Match(field, Op.CONTAINS_ALL, list(value));
            case "like_" -> value.asText().isEmpty() ? Criterion.EVERYTHING : new Match(field, Op.LIKE, List.of(value));
            case "startswith_" -> list(value).isEmpty() ? Criterion.EVERYTHING
                    : new Match(field, Op.STARTS_WITH, list(value));
            case "before_" -> new Match(field, Op.BEFORE, List.of(value));
            case "after_" -> new Match(field, Op.AFTER, List.of(value));
            case "is_null_" -> new Match(field, value.asBoolean() ? Op.IS_NULL : Op.IS_NOT_NULL, List.of());
            case "eq_" -> new Match(field, Op.EQ, List.of(value));
            case "ge_" -> new Match(field, Op.GE, List.of(value));
            case "le_" -> new Match(field, Op.LE, List.of(value));
            case "exists_" -> new Match(field, value.asBoolean() ? Op.EXISTS : Op.NOT_EXISTS, List.of());
            default -> {
                // Sub-field lists such as created_by.id_ / created_by.type_ mean "is one of".
                if (key.endsWith("_") && value.isArray()) {
                    String sub = field + "." + key.substring(0, key.length() - 1);
                    yield list(value).isEmpty() ? Criterion.NOTHING : new Match(sub, Op.IN, list(value));
                }
                yield null;
            }
        };
    }

    private static List<JsonNode> list(JsonNode value) {
        List<JsonNode> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(out::add);
        } else {
            out.add(value);
        }
        return out;
    }
}
