package io.baton.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * In-process fan-out of newly stored events to live subscribers ({@code /events/out}). Each subscriber gets
 * every event, in commit order, through a sink that must not block; filtering is the subscriber's business.
 */
public final class EventBus {

    private final Set<Consumer<JsonNode>> subscribers = new CopyOnWriteArraySet<>();

    public void subscribe(Consumer<JsonNode> sink) {
        subscribers.add(sink);
    }

    public void unsubscribe(Consumer<JsonNode> sink) {
        subscribers.remove(sink);
    }

    /** Called by the pipeline's writer after each commit, with the events that were new. */
    void delivered(List<JsonNode> events) {
        for (Consumer<JsonNode> s : subscribers) {
            for (JsonNode e : events) {
                s.accept(e);
            }
        }
    }
}
