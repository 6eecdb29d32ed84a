package io.baton.http.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.RequestGuards;
import io.baton.json.Json;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handshake every Prefect websocket shares. A client offering subprotocol {@code prefect} (echoed on the
 * upgrade response) must first send {@code {"type":"auth","token":...}}; a valid token is answered
 * {@code {"type":"auth_success"}}, anything else closes the socket with 1008. A client not offering the
 * subprotocol is let in without a handshake only when the server has no auth configured.
 *
 * <p>Each socket's messages arrive one at a time, in order; a handler that blocks holds back the reading of
 * the socket's next frame. {@code /events/in} is a plain Jetty endpoint ({@link EventsInSocket}) that uses
 * the same handshake through {@link #refusal} and {@link #offersSubprotocol(String)}.
 */
public final class PrefectSocket {

    private static final Logger log = LoggerFactory.getLogger(PrefectSocket.class);
    public static final String SUBPROTOCOL = "prefect";
    public static final int POLICY_VIOLATION = 1008;
    /** Closing because the server is stopping: clients reconnect (to another replica). */
    public static final int SERVICE_RESTART = 1012;
    static final long MAX_FRAME_BYTES = 8L * 1024 * 1024;
    /** Clients ping every 20-30 s; a socket silent for minutes is gone. */
    static final java.time.Duration IDLE_TIMEOUT = java.time.Duration.ofMinutes(5);
    public static final String AUTH_SUCCESS = "{\"type\":\"auth_success\"}";

    /** What an endpoint does once a client is authenticated. */
    public interface Handler {
        /** The client passed the handshake; returns the per-connection message handler. */
        Connection open(WsContext ctx);
    }

    /** One authenticated connection. */
    public interface Connection {
        void onMessage(WsContext ctx, String text);

        default void onClose() {}
    }

    private final RequestGuards guards;
    /** Every open socket of every endpoint (so a stopping server can close them all). */
    private final java.util.Set<Session> sessions = ConcurrentHashMap.newKeySet();

    public PrefectSocket(RequestGuards guards) {
        this.guards = guards;
    }

    /** A websocket endpoint configuration for {@code handler}. */
    public Consumer<WsConfig> endpoint(Handler handler) {
        Map<String, Connection> open = new ConcurrentHashMap<>();
        Map<String, Boolean> awaitingAuth = new ConcurrentHashMap<>();
        return ws -> {
            ws.onConnect(ctx -> {
                sessions.add(ctx.session);
                ctx.session.setIdleTimeout(IDLE_TIMEOUT);
                // Oversized events (over 1.5 MB) are dropped by validation; only far larger frames close the socket.
                ctx.session.setMaxTextMessageSize(MAX_FRAME_BYTES);
                if (offersSubprotocol(ctx)) {
                    awaitingAuth.put(ctx.sessionId(), true);
                } else if (guards.authRequired()) {
                    ctx.closeSession(POLICY_VIOLATION, "Auth required");
                } else {
                    open.put(ctx.sessionId(), handler.open(ctx));
                }
            });
            ws.onMessage(ctx -> {
                Connection connection = open.get(ctx.sessionId());
                if (connection != null) {
                    connection.onMessage(ctx, ctx.message());
                    return;
                }
                if (awaitingAuth.remove(ctx.sessionId()) == null) {
                    return;
                }
                String refusal = refusal(ctx.message());
                if (refusal != null) {
                    ctx.closeSession(POLICY_VIOLATION, refusal);
                    return;
                }
                ctx.send(AUTH_SUCCESS);
                open.put(ctx.sessionId(), handler.open(ctx));
            });
            ws.onClose(ctx -> {
                sessions.remove(ctx.session);
                awaitingAuth.remove(ctx.sessionId());
                Connection connection = open.remove(ctx.sessionId());
                if (connection != null) {
                    connection.onClose();
                }
            });
            ws.onError(ctx -> log.debug("Websocket error on {}", ctx.sessionId(), ctx.error()));
        };
    }

    /** A socket served outside Javalin ({@code /events/in}) opened or closed. */
    void opened(Session session) {
        sessions.add(session);
    }

    void closed(Session session) {
        sessions.remove(session);
    }

    /**
     * Closes every open socket with {@code code} and waits (at most {@code wait}) until the close frames are out,
     * so that clients read the code rather than a dropped connection; returns how many were open.
     */
    public int closeAll(int code, String reason, java.time.Duration wait) {
        List<Session> open = List.copyOf(sessions);
        CountDownLatch sent = new CountDownLatch(open.size());
        for (Session s : open) {
            try {
                s.close(code, reason, Callback.from(sent::countDown, failure -> sent.countDown()));
            } catch (RuntimeException e) {
                sent.countDown();
                log.debug("Closing a websocket failed", e);
            }
        }
        try {
            sent.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return open.size();
    }

    /**
     * The handshake's answer to a client's first message: null when it is an {@code auth} message with an
     * acceptable token (answer {@link #AUTH_SUCCESS}), otherwise the reason to close with
     * {@link #POLICY_VIOLATION}.
     */
    public String refusal(String firstMessage) {
        JsonNode message = parse(firstMessage);
        if (message == null || !"auth".equals(message.path("type").asText())) {
            return "Auth required";
        }
        JsonNode token = message.get("token");
        if (!guards.acceptsToken(token == null || token.isNull() ? null : token.asText())) {
            return "Invalid token";
        }
        return null;
    }

    /** Whether a connection that did not offer the subprotocol must be refused (1008, "Auth required"). */
    public boolean refusesPlainClients() {
        return guards.authRequired();
    }

    /** Whether the upgrade's Authorization header (basic auth, when configured) may open a socket. */
    public boolean acceptsUpgrade(String authorizationHeader) {
        return guards.acceptsUpgradeAuthorization(authorizationHeader);
    }

    private static boolean offersSubprotocol(WsContext ctx) {
        return offersSubprotocol(ctx.header("Sec-WebSocket-Protocol"));
    }

    /** Whether a {@code Sec-WebSocket-Protocol} header value offers {@link #SUBPROTOCOL}. */
    public static boolean offersSubprotocol(String offered) {
        if (offered == null) {
            return false;
        }
        for (String p : offered.split(",")) {
            if (p.trim().equals(SUBPROTOCOL)) {
                return true;
            }
        }
        return false;
    }

    /** The message as JSON, or null when it is not JSON. */
    public static JsonNode parse(String text) {
        try {
            return Json.read(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
