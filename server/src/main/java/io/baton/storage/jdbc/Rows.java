package io.baton.storage.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Conversions between JSON columns and Java values. */
public final class Rows {

    private Rows() {}

    public static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    public static JsonNode json(List<String> strings) {
        var array = Json.array();
        if (strings != null) {
            strings.forEach(array::add);
        }
        return array;
    }
}
