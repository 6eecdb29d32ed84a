package io.baton.http.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Times;
import io.baton.events.EventPipeline;
import io.baton.events.UnstorableEventException;
import io.baton.events.ReceivedEvents;
import io.baton.storage.StorageUnavailableException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /events/in} connection. Every text frame is one event, handed to the pipeline without waiting
 * for its commit, so a client streams. The client's ping is its delivery checkpoint: the pong is sent only
 * once every event received before the ping on this socket is committed (Jetty sends no automatic pong to an
 * endpoint that handles pings itself). Pongs leave in the order of their pings.
 *
 * <p>Frames are read on demand: the next one only after the previous is handed over, and handing over waits
 * while the pipeline is full, so a fast client is held back by TCP instead of growing the server's memory.
 * Malformed events are logged and dropped; the stream stays open. When the database cannot take an event the
 * socket is closed (1011) without a pong for it, so the client reconnects and resends what was not confirmed.
 */
public final class EventsInSocket implements Session.Listener {

    private static final Logger log = LoggerFactory.getLogger(EventsInSocket.class);
    static final int TRY_AGAIN = 1011;
    private static final CompletableFuture<?> NOTHING_PENDING = CompletableFuture.completedFuture(null);

    private final EventPipeline pipeline;
    private final PrefectSocket handshake;
    private final boolean offeredSubprotocol;
    private final AtomicBoolean failed = new AtomicBoolean();
    private Session session;
    private boolean awaitingAuth;
    private boolean open;
    /** The commit of the last event handed over; earlier ones settle before it (the pipeline keeps order). */
    private CompletableFuture<?> lastCommit = NOTHING_PENDING;
    /** The last pong sent (or skipped); the next pong waits for it to keep pongs in ping order. */
    private CompletableFuture<Void> lastPong = CompletableFuture.completedFuture(null);

    EventsInSocket(EventPipeline pipeline, PrefectSocket handshake, boolean offeredSubprotocol) {
        this.pipeline = pipeline;
        this.handshake = handshake;
        this.offeredSubprotocol = offeredSubprotocol;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        if (offeredSubprotocol) {
            awaitingAuth = true;
        } else if (handshake.refusesPlainClients()) {
            session.close(PrefectSocket.POLICY_VIOLATION, "Auth required", Callback.NOOP);
            return;
        } else {
            open = true;
        }
        session.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        if (awaitingAuth) {
            awaitingAuth = false;
            String refusal = handshake.refusal(text);
            if (refusal != null) {
                session.close(PrefectSocket.POLICY_VIOLATION, refusal, Callback.NOOP);
                return;
            }
            session.sendText(PrefectSocket.AUTH_SUCCESS, Callback.NOOP);
            open = true;
        } else if (open && !failed.get()) {
            handOver(text);
        }
        if (!failed.get()) {
            session.demand();
        }
    }

    private void handOver(String text) {
        JsonNode event;
        try {
            event = ReceivedEvents.parse(text, Times.now());
        } catch (ReceivedEvents.InvalidEvent invalid) {
            log.warn("Dropping a malformed event from {}: {}", session.getRemoteSocketAddress(), invalid.getMessage());
            return;
        }
        try {
            CompletableFuture<List<JsonNode>> commit = pipeline.submit(List.of(event), EventPipeline.weight(text.length()))
                    .exceptionally(failure -> {
                        // An event the database refuses for its content is refused like a malformed one; the
                        // socket stays open for the events after it.
                        if (unwrap(failure) instanceof UnstorableEventException refused) {
                            log.warn("Dropping an event from {} that cannot be stored: {}",
                                    session.getRemoteSocketAddress(), refused.getMessage());
                            return List.of();
                        }
                        throw failure instanceof java.util.concurrent.CompletionException c ? c
                                : new java.util.concurrent.CompletionException(failure);
                    });
            // Runs on the writer thread as the batch settles, before any later submission of this socket.
            commit.whenComplete((stored, failure) -> {
                if (failure != null) {
                    fail(event, failure);
                }
            });
            lastCommit = commit;
        } catch (StorageUnavailableException e) {
            fail(event, e);
        }
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        CompletableFuture<?> upTo = lastCommit;
        lastPong = lastPong.thenCompose(previous -> upTo).handle((stored, failure) -> {
            // A failed commit closes the socket: no pong may confirm the events before this ping.
            if (failure == null && !failed.get()) {
                session.sendPong(payload, Callback.NOOP);
            }
            return null;
        });
        if (!failed.get()) {
            session.demand();
        }
    }

    private void fail(JsonNode event, Throwable failure) {
        if (failed.compareAndSet(false, true)) {
            Throwable cause = unwrap(failure);
            log.warn("Event {} not stored, asking the client to reconnect: {}", event.path("id").asText(),
                    cause.getMessage());
            session.close(TRY_AGAIN, "Event storage unavailable", Callback.NOOP);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        log.debug("Websocket error on /events/in from {}", session == null ? "?" : session.getRemoteSocketAddress(),
                cause);
    }
}
