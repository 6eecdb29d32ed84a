package io.baton.storage.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.json.Json;
import java.util.List;

/** Conversions between JSON columns and Java values, for the stores (the helpers themselves are {@link Json}'s). */
public final class Rows {

    private Rows() {}

    public static List<String> strings(JsonNode node) {
        return Json.stringList(node);
    }

    public static JsonNode json(List<String> strings) {
        return Json.stringArray(strings);
    }
}
