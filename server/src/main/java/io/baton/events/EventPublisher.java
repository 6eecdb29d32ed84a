package io.baton.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Where server-side code hands events (Prefect's Event JSON: id, occurred, event, resource, related,
 * payload, follows) to the event pipeline: persistence, the task run recorder, /events/out subscribers.
 */
public interface EventPublisher {

    /** Accepts events for processing; returns once they are durable or queued durably. */
    void publish(List<JsonNode> events);

    EventPublisher NONE = events -> { };
}
