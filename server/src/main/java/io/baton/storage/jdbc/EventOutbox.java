package io.baton.storage.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Times;
import io.baton.events.CommittedEvents;
import io.baton.events.ReceivedEvents;
import io.baton.storage.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jooq.DSLContext;

/**
 * The server's own events, stored in the transaction of the change they describe and delivered to the
 * {@link io.baton.events.EventBus} only after that transaction committed: a change is never committed without
 * its event, and no subscriber sees an event of a change that was rolled back. A crash after the commit loses
 * at most the live delivery, never the stored event.
 */
public final class EventOutbox {

    private static final Logger log = LoggerFactory.getLogger(EventOutbox.class);

    private final Database db;
    private volatile CommittedEvents delivery = CommittedEvents.NONE;

    public EventOutbox(Database db) {
        this.db = db;
    }

    /** Where committed events go from now on (the event pipeline's bus, once it exists). */
    public void attach(CommittedEvents delivery) {
        this.delivery = delivery == null ? CommittedEvents.NONE : delivery;
    }

    public CommittedEvents delivery() {
        return delivery;
    }

    /** The events one transaction emits; written into it just before it commits. */
    public static final class Emitted {
        private final List<JsonNode> events = new ArrayList<>();

        public void add(JsonNode event) {
            events.add(event);
        }
    }

    /**
     * Runs {@code work} in a write transaction; the events it adds are written in the same transaction and
     * delivered after the commit.
     */
    public <T> T write(BiFunction<DSLContext, Emitted, T> work) {
        List<JsonNode> stored = new ArrayList<>();
        T result = db.write(dsl -> {
            // A retried transaction (deadlock, group-commit replay) starts its events afresh.
            stored.clear();
            Emitted emitted = new Emitted();
            T value = work.apply(dsl, emitted);
            stored.addAll(writeIn(dsl, emitted.events));
            return value;
        });
        if (!stored.isEmpty()) {
            delivery.delivered(stored);
        }
        return result;
    }

    /**
     * Stamps the events as received now and stores them in the caller's transaction; returns those newly
     * stored. An event the server built wrongly is logged and left out rather than failing the change it
     * describes.
     */
    static List<JsonNode> writeIn(DSLContext dsl, List<JsonNode> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Instant now = Times.now();
        List<JsonNode> received = new ArrayList<>(events.size());
        for (JsonNode e : events) {
            try {
                received.add(ReceivedEvents.normalize(e, now));
            } catch (ReceivedEvents.InvalidEvent invalid) {
                log.error("Server event {} not stored, it is invalid: {}", e.path("event").asText(),
                        invalid.getMessage());
            }
        }
        return EventRows.insert(dsl, received, now);
    }
}
