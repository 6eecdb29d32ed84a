package io.baton.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * In-process fan-out of newly stored events. Two kinds of subscriber:
 * <ul>
 *   <li>{@link #subscribe}: live streams ({@code /events/out}) - every stored event, in commit order;</li>
 *   <li>{@link #subscribeCommittedHere}: consumers that must see each event exactly once across replicas
 *       (trigger evaluation) - only the events this process committed, never ones relayed from another
 *       replica.</li>
 * </ul>
 * Events committed by other replicas arrive through {@link #relayed} and go to the live streams only.
 * Sinks must not block; filtering is the subscriber's business.
 */
public final class EventBus {

    private final Set<Consumer<JsonNode>> subscribers = new CopyOnWriteArraySet<>();
    private final Set<Consumer<JsonNode>> committedHere = new CopyOnWriteArraySet<>();

    public void subscribe(Consumer<JsonNode> sink) {
        subscribers.add(sink);
    }

    public void unsubscribe(Consumer<JsonNode> sink) {
        subscribers.remove(sink);
    }

    public void subscribeCommittedHere(Consumer<JsonNode> sink) {
        committedHere.add(sink);
    }

    public void unsubscribeCommittedHere(Consumer<JsonNode> sink) {
        committedHere.remove(sink);
    }

    /** Events another replica committed (relayed through the database): live streams only. */
    public void relayed(List<JsonNode> events) {
        for (Consumer<JsonNode> s : subscribers) {
            for (JsonNode e : events) {
                s.accept(e);
            }
        }
    }

    /** Called after each commit of this process, with the events that were new. */
    void delivered(List<JsonNode> events) {
        for (Consumer<JsonNode> s : committedHere) {
            for (JsonNode e : events) {
                s.accept(e);
            }
        }
        for (Consumer<JsonNode> s : subscribers) {
            for (JsonNode e : events) {
                s.accept(e);
            }
        }
    }
}
