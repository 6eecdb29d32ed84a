package io.baton.http.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.RequestGuards;
import io.baton.json.Json;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handshake every Prefect websocket shares. A client offering subprotocol {@code prefect} (echoed on the
 * upgrade response) must first send {@code {"type":"auth","token":...}}; a valid token is answered
 * {@code {"type":"auth_success"}}, anything else closes the socket with 1008. A client not offering the
 * subprotocol is let in without a handshake only when the server has no auth configured.
 *
 * <p>Each socket's messages arrive one at a time on its own thread, in order; a handler that blocks holds
 * back the reading of the socket's next frame (pings included), which is what {@code /events/in} relies on.
 */
public final class PrefectSocket {

    private static final Logger log = LoggerFactory.getLogger(PrefectSocket.class);
    public static final String SUBPROTOCOL = "prefect";
    public static final int POLICY_VIOLATION = 1008;
    static final long MAX_FRAME_BYTES = 8L * 1024 * 1024;

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

    public PrefectSocket(RequestGuards guards) {
        this.guards = guards;
    }

    /** A websocket endpoint configuration for {@code handler}. */
    public Consumer<WsConfig> endpoint(Handler handler) {
        Map<String, Connection> open = new ConcurrentHashMap<>();
        Map<String, Boolean> awaitingAuth = new ConcurrentHashMap<>();
        return ws -> {
            ws.onConnect(ctx -> {
                // Clients ping every 20-30 s; a socket silent for minutes is gone.
                ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(5));
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
                JsonNode message = parse(ctx.message());
                if (message == null || !"auth".equals(message.path("type").asText())) {
                    ctx.closeSession(POLICY_VIOLATION, "Auth required");
                    return;
                }
                JsonNode token = message.get("token");
                if (!guards.acceptsToken(token == null || token.isNull() ? null : token.asText())) {
                    ctx.closeSession(POLICY_VIOLATION, "Invalid token");
                    return;
                }
                ctx.send("{\"type\":\"auth_success\"}");
                open.put(ctx.sessionId(), handler.open(ctx));
            });
            ws.onClose(ctx -> {
                awaitingAuth.remove(ctx.sessionId());
                Connection connection = open.remove(ctx.sessionId());
                if (connection != null) {
                    connection.onClose();
                }
            });
            ws.onError(ctx -> log.debug("Websocket error on {}", ctx.sessionId(), ctx.error()));
        };
    }

    private static boolean offersSubprotocol(WsContext ctx) {
        String offered = ctx.header("Sec-WebSocket-Protocol");
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
