package io.baton.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Where events that were stored in the transaction of the change they describe (the server's own events) go
 * once that transaction has committed: the {@link EventBus}, i.e. live streams and trigger evaluation.
 */
@FunctionalInterface
public interface CommittedEvents {

    /** {@code events}: ReceivedEvent JSON, committed, new (never delivered before). */
    void delivered(List<JsonNode> events);

    CommittedEvents NONE = events -> { };
}
