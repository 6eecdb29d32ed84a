package io.baton.http.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Times;
import io.baton.events.EventPipeline;
import io.baton.events.ReceivedEvents;
import io.baton.storage.StorageUnavailableException;
import io.javalin.websocket.WsContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /events/in}: every text frame is one event. A frame is handled on the socket's own thread and only
 * returns once its event is committed, so the pong answering the client's next ping (its delivery
 * checkpoint) never overtakes an event. Malformed events are logged and dropped; the stream stays open. When
 * the database cannot take an event the socket is closed (1011) so the client reconnects and resends.
 */
public final class EventsInSocket implements PrefectSocket.Handler {

    private static final Logger log = LoggerFactory.getLogger(EventsInSocket.class);
    static final int TRY_AGAIN = 1011;

    private final EventPipeline pipeline;

    public EventsInSocket(EventPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public PrefectSocket.Connection open(WsContext ignored) {
        return (ctx, text) -> {
            JsonNode event;
            try {
                event = ReceivedEvents.parse(text, Times.now());
            } catch (ReceivedEvents.InvalidEvent invalid) {
                log.warn("Dropping a malformed event from {}: {}", ctx.host(), invalid.getMessage());
                return;
            }
            try {
                pipeline.ingest(List.of(event));
            } catch (StorageUnavailableException e) {
                log.warn("Event {} not stored, asking the client to reconnect: {}", event.path("id").asText(),
                        e.getMessage());
                ctx.closeSession(TRY_AGAIN, "Event storage unavailable");
            }
        };
    }
}
