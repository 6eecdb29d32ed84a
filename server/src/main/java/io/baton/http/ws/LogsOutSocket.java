package io.baton.http.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.json.Json;
import io.baton.logs.LogFilter;
import io.baton.logs.LogStream;
import io.javalin.websocket.WsContext;

/**
 * {@code /logs/out}: after the handshake the client sends {@code {"type":"filter","filter":LogFilter}} and then
 * receives {@code {"type":"log","log":Log}} for each matching log written afterwards (no backfill). Nothing is
 * sent unless the log streaming settings are on.
 */
public final class LogsOutSocket implements PrefectSocket.Handler {

    private final LogStream stream;

    public LogsOutSocket(LogStream stream) {
        this.stream = stream;
    }

    @Override
    public PrefectSocket.Connection open(WsContext ctx) {
        return new Subscriber(new Outbox(ctx));
    }

    private final class Subscriber implements PrefectSocket.Connection {
        private final Outbox outbox;
        private LogStream.Subscription subscription;

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
            LogFilter filter;
            try {
                filter = LogFilter.parse(message.get("filter"));
            } catch (RuntimeException e) {
                ctx.closeSession(PrefectSocket.POLICY_VIOLATION, "Invalid filter");
                return;
            }
            if (subscription != null) {
                stream.unsubscribe(subscription);
            }
            subscription = stream.subscribe(filter, log -> outbox.send(
                    Json.write(Json.object().put("type", "log").set("log", Json.toTree(log)))));
        }

        @Override
        public void onClose() {
            outbox.markClosed();
            if (subscription != null) {
                stream.unsubscribe(subscription);
            }
        }
    }
}
