package io.baton.automations.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hubspot.jinjava.Jinjava;
import io.baton.json.Json;
import io.baton.templating.JinjaTemplates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jinja rendering of action templates with the server's bounded engine ({@link JinjaTemplates#engine()}). Objects in
 * the context are plain maps and lists; resources additionally answer {@code .id}, {@code .name} and
 * {@code .role} as Prefect's resource objects do.
 */
public final class Templates {

    private static final Jinjava JINJA = JinjaTemplates.engine();

    private Templates() {}

    public static boolean isTemplate(String text) {
        return text != null && (text.contains("{{") || text.contains("{%"));
    }

    public static String render(String template, Map<String, Object> context) {
        if (!isTemplate(template)) {
            return template;
        }
        return JINJA.render(template, context);
    }

    /** Renders every templated string inside {@code node} (objects and lists are walked). */
    public static JsonNode renderTree(JsonNode node, Map<String, Object> context) {
        return mapStrings(node, text -> render(text, context));
    }

    /** A copy of {@code node} with every string replaced by {@code f} of it. */
    static JsonNode mapStrings(JsonNode node, java.util.function.UnaryOperator<String> f) {
        if (node == null || node.isNull()) {
            return node;
        }
        if (node.isTextual()) {
            return Json.NODES.textNode(f.apply(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode out = Json.object();
            node.properties().forEach(e -> out.set(e.getKey(), mapStrings(e.getValue(), f)));
            return out;
        }
        if (node.isArray()) {
            var out = Json.array();
            node.forEach(n -> out.add(mapStrings(n, f)));
            return out;
        }
        return node;
    }

    /** JSON as template values; resources (objects with {@code prefect.resource.id}) gain id / name / role. */
    public static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), value(e.getValue())));
            if (node.has("prefect.resource.id")) {
                map.putIfAbsent("id", node.get("prefect.resource.id").asText());
                map.putIfAbsent("name", node.path("prefect.resource.name").isTextual()
                        ? node.get("prefect.resource.name").asText() : null);
                map.putIfAbsent("role", node.path("prefect.resource.role").isTextual()
                        ? node.get("prefect.resource.role").asText() : null);
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(value(n)));
            return list;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        return node.asText();
    }
}
