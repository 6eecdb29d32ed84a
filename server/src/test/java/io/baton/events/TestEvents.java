package io.baton.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.json.Json;
import java.time.Instant;
import java.util.UUID;

/** Event JSON for tests. */
final class TestEvents {

    private TestEvents() {}

    static ObjectNode event(String name, String resourceId, Instant occurred) {
        ObjectNode e = Json.object();
        e.put("id", UUID.randomUUID().toString());
        e.put("occurred", Json.timestamp(occurred));
        e.put("event", name);
        e.set("resource", Json.object().put("prefect.resource.id", resourceId).put("prefect.resource.name", "res"));
        e.set("related", Json.array());
        e.set("payload", Json.object());
        return e;
    }

    static ObjectNode withRelated(ObjectNode e, String id, String role) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) e.get("related"))
                .add(Json.object().put("prefect.resource.id", id).put("prefect.resource.role", role));
        return e;
    }
}
