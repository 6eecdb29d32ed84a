package io.baton.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.InputLimits;
import io.baton.domain.Times;
import io.baton.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks incoming events (Prefect's {@code Event}) and turns them into the server's {@code ReceivedEvent}
 * JSON: all fields present, {@code occurred} normalized, {@code received} stamped.
 */
public final class ReceivedEvents {

    public static final int MAX_RELATED = 100;
    /** Prefect's {@code server.events.maximum_size_bytes}. */
    public static final int MAX_SIZE_BYTES = 1_500_000;
    public static final int MAX_LABEL_LENGTH = 1024;

    private ReceivedEvents() {}

    /** A rejected event and why. */
    public static final class InvalidEvent extends Exception {
        public InvalidEvent(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Parses and validates one event frame. */
    public static ObjectNode parse(String text, Instant received) throws InvalidEvent {
        if (text.length() > MAX_SIZE_BYTES && text.getBytes(StandardCharsets.UTF_8).length > MAX_SIZE_BYTES) {
            throw new InvalidEvent("event larger than " + MAX_SIZE_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = Json.read(text);
        } catch (RuntimeException e) {
            throw new InvalidEvent("not JSON");
        }
        return normalize(node, received);
    }

    /** Validates an event and returns it as a ReceivedEvent (a new object; the input is not changed). */
    public static ObjectNode normalize(JsonNode event, Instant received) throws InvalidEvent {
        if (event == null || !event.isObject()) {
            throw new InvalidEvent("not an object");
        }
        if (InputLimits.containsUnstorable(event)) {
            throw new InvalidEvent("NUL character or lone surrogate in a string");
        }
        UUID id = uuid(event.get("id"), "id");
        if (id == null) {
            throw new InvalidEvent("missing id");
        }
        JsonNode follows = event.get("follows");
        UUID followsId = follows == null || follows.isNull() ? null : uuid(follows, "follows");
        JsonNode occurredNode = event.get("occurred");
        if (occurredNode == null || !occurredNode.isTextual()) {
            throw new InvalidEvent("missing occurred");
        }
        Instant occurred;
        try {
            occurred = Times.parse(occurredNode.asText());
        } catch (RuntimeException e) {
            throw new InvalidEvent("invalid occurred");
        }
        JsonNode name = event.get("event");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw new InvalidEvent("missing event name");
        }
        if (name.asText().length() > InputLimits.MAX_INDEXED_TEXT_LENGTH) {
            throw new InvalidEvent("event name longer than " + InputLimits.MAX_INDEXED_TEXT_LENGTH + " characters");
        }
        JsonNode resource = event.get("resource");
        checkResource(resource, false);
        JsonNode related = event.get("related");
        if (related != null && !related.isNull()) {
            if (!related.isArray()) {
                throw new InvalidEvent("related is not a list");
            }
            if (related.size() > MAX_RELATED) {
                throw new InvalidEvent("more than " + MAX_RELATED + " related resources");
            }
            for (JsonNode r : related) {
                checkResource(r, true);
            }
        }
        JsonNode payload = event.get("payload");
        if (payload != null && !payload.isNull() && !payload.isObject()) {
            throw new InvalidEvent("payload is not an object");
        }
        ObjectNode out = Json.object();
        out.put("occurred", Json.timestamp(occurred));
        out.put("event", name.asText());
        out.set("resource", resource.deepCopy());
        out.set("related", related == null || related.isNull() ? Json.array() : related.deepCopy());
        out.set("payload", payload == null || payload.isNull() ? Json.object() : payload.deepCopy());
        out.put("id", id.toString());
        if (followsId == null) {
            out.putNull("follows");
        } else {
            out.put("follows", followsId.toString());
        }
        out.put("received", Json.timestamp(received));
        return out;
    }

    private static void checkResource(JsonNode resource, boolean related) throws InvalidEvent {
        if (resource == null || !resource.isObject()) {
            throw new InvalidEvent(related ? "related resource is not an object" : "missing resource");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = resource.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!label.getValue().isTextual()) {
                throw new InvalidEvent("label " + label.getKey() + " is not a string");
            }
            if (label.getKey().length() > MAX_LABEL_LENGTH || label.getValue().asText().length() > MAX_LABEL_LENGTH) {
                throw new InvalidEvent("label " + label.getKey() + " is too long");
            }
        }
        String resourceId = resource.path("prefect.resource.id").asText("");
        if (resourceId.isEmpty()) {
            throw new InvalidEvent("resource without prefect.resource.id");
        }
        if (resourceId.length() > InputLimits.MAX_INDEXED_TEXT_LENGTH) {
            throw new InvalidEvent("resource id longer than " + InputLimits.MAX_INDEXED_TEXT_LENGTH + " characters");
        }
        if (related && resource.path("prefect.resource.role").asText("").isEmpty()) {
            throw new InvalidEvent("related resource without prefect.resource.role");
        }
    }

    private static UUID uuid(JsonNode node, String field) throws InvalidEvent {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return UUID.fromString(node.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidEvent("invalid " + field);
        }
    }

    public static UUID id(JsonNode receivedEvent) {
        return UUID.fromString(receivedEvent.get("id").asText());
    }

    public static Instant occurred(JsonNode receivedEvent) {
        return Times.parse(receivedEvent.get("occurred").asText());
    }

    public static Optional<String> label(JsonNode resource, String label) {
        JsonNode v = resource.get(label);
        return v == null || !v.isTextual() ? Optional.empty() : Optional.of(v.asText());
    }
}
