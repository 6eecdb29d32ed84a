package io.baton.domain.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What persisting a state must do with its {@code data}: nothing (null), drop it (the
 * {@code {"type":"unpersisted"}} marker) or store it in a result artifact row whose key/type/description are
 * popped from the data object.
 */
public record ResultData(Kind kind, JsonNode artifactData, String artifactKey, String artifactType,
                         String artifactDescription) {

    public enum Kind { NONE, DROP_UNPERSISTED, STORE_ARTIFACT }

    private static final ResultData NONE = new ResultData(Kind.NONE, null, null, null, null);
    private static final ResultData DROP = new ResultData(Kind.DROP_UNPERSISTED, null, null, null, null);

    public static ResultData decide(JsonNode data) {
        if (data == null || data.isNull()) {
            return NONE;
        }
        if (isUnpersistedMarker(data)) {
            return DROP;
        }
        if (data instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            String key = popText(copy, "artifact_key");
            String type = popText(copy, "artifact_type");
            String description = popText(copy, "artifact_description");
            return new ResultData(Kind.STORE_ARTIFACT, copy, key, type, description);
        }
        return new ResultData(Kind.STORE_ARTIFACT, data, null, null, null);
    }

    public boolean needsArtifact() {
        return kind == Kind.STORE_ARTIFACT;
    }

    /** A result counts as persisted when the data is an object whose {@code type} is not "unpersisted". */
    public static boolean isPersisted(JsonNode data) {
        return data != null && data.isObject() && !isUnpersistedMarker(data);
    }

    static boolean isUnpersistedMarker(JsonNode data) {
        return data.isObject() && "unpersisted".equals(data.path("type").asText(null));
    }

    private static String popText(ObjectNode node, String field) {
        JsonNode removed = node.remove(field);
        return removed == null || removed.isNull() ? null : removed.asText();
    }
}
