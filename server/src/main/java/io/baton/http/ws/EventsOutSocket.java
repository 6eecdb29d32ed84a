package io.baton.http.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Times;
import io.baton.events.EventBus;
import io.baton.events.EventFilter;
import io.baton.json.Json;
import io.baton.storage.EventStore;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code /events/out}: after the handshake the client sends {@code {"type":"filter","filter":EventFilter,
 * "backfill":bool}} (backfill defaults to true). As Prefect does, the filter's {@code occurred.since} is first
 * clamped to at most 15 minutes back, and that one filter serves both parts: the backfill (stored matching
 * events, oldest first, in pages of 250) and then the live events as they are committed, here or on another
 * replica (so {@code occurred.until}, which defaults to the moment of subscribing, bounds the live events too).
 * Live events that arrive during the backfill are held and sent after it, skipping those the backfill sent.
 */
public final class EventsOutSocket implements PrefectSocket.Handler {

    static final Duration MAX_BACKFILL = Duration.ofMinutes(15);
    static final int BACKFILL_PAGE = 250;

    private final EventStore store;
    private final EventBus bus;

    public EventsOutSocket(EventStore store, EventBus bus) {
        this.store = store;
        this.bus = bus;
    }

    @Override
    public PrefectSocket.Connection open(WsContext ctx) {
        return new Subscriber(new Outbox(ctx));
    }

    /** The filter looking back at most {@link #MAX_BACKFILL} from {@code now}. */
    static EventFilter clamped(EventFilter filter, Instant now) {
        Instant earliest = now.minus(MAX_BACKFILL);
        return filter.since().isBefore(earliest) ? filter.withSince(earliest) : filter;
    }

    private final class Subscriber implements PrefectSocket.Connection {
        private final Outbox outbox;
        private Consumer<JsonNode> sink;
        private EventFilter filter;
        private List<JsonNode> held = new ArrayList<>();

        Subscriber(Outbox outbox) {
            this.outbox = outbox;
        }

        @Override
        public void onMessage(WsContext ctx, String text) {
            JsonNode message = PrefectSocket.parse(text);
            if (message == null || !"filter".equals(message.path("type").asText())) {
                ctx.closeSession(PrefectSocket.POLICY_VIOLATION, "Expected a filter message");
                return;
            }
            Instant now = Times.now();
            EventFilter parsed;
            try {
                parsed = clamped(EventFilter.parse(message.get("filter"), now), now).withAscending(true);
            } catch (RuntimeException e) {
                ctx.closeSession(PrefectSocket.POLICY_VIOLATION, "Invalid filter");
                return;
            }
            if (sink != null) {
                bus.unsubscribe(sink);
            }
            boolean backfill = message.path("backfill").asBoolean(true);
            synchronized (this) {
                filter = parsed;
                held = backfill ? new ArrayList<>() : null;
            }
            sink = this::live;
            bus.subscribe(sink);
            if (backfill) {
                backfill(parsed);
            }
        }

        private void live(JsonNode event) {
            synchronized (this) {
                if (held != null) {
                    held.add(event);
                    return;
                }
            }
            if (filter.matches(event)) {
                send(event);
            }
        }

        private void backfill(EventFilter query) {
            Set<UUID> sent = new HashSet<>();
            for (int offset = 0; outbox.isOpen(); offset += BACKFILL_PAGE) {
                List<JsonNode> page = store.query(query, BACKFILL_PAGE, offset);
                for (JsonNode e : page) {
                    sent.add(UUID.fromString(e.get("id").asText()));
                    send(e);
                }
                if (page.size() < BACKFILL_PAGE) {
                    break;
                }
            }
            List<JsonNode> pending;
            synchronized (this) {
                pending = held;
                held = null;
                // Events committed from here on go straight out; these were committed during the backfill.
                for (JsonNode e : pending) {
                    if (!sent.contains(UUID.fromString(e.get("id").asText())) && filter.matches(e)) {
                        send(e);
                    }
                }
            }
        }

        private void send(JsonNode event) {
            outbox.send(Json.write(Json.object().put("type", "event").set("event", event)));
        }

        @Override
        public void onClose() {
            outbox.markClosed();
            if (sink != null) {
                bus.unsubscribe(sink);
            }
        }
    }
}
