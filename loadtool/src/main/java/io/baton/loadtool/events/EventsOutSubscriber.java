package io.baton.loadtool.events;

import io.baton.loadtool.http.ApiClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A live {@code /api/events/out} subscriber as the Prefect client opens one (subprotocol {@code prefect}, auth,
 * then a filter message); every text frame after {@code auth_success} goes to the sink as it arrives.
 */
public final class EventsOutSubscriber implements AutoCloseable {

    private final WebSocket socket;

    private EventsOutSubscriber(WebSocket socket) {
        this.socket = socket;
    }

    /** {@code http://host:4200/api} becomes {@code ws://host:4200/api/events/out}. */
    public static URI eventsOutUri(String baseUrl) {
        return URI.create(baseUrl.replaceFirst("^http", "ws") + "/events/out");
    }

    /** Opens, authenticates and sends {@code filterMessage}; frames then go to {@code sink}. */
    public static EventsOutSubscriber open(HttpClient http, URI uri, String filterMessage, Duration timeout,
                                           Consumer<String> sink) throws IOException {
        try {
            WebSocket socket = http.newWebSocketBuilder()
                    .subprotocols("prefect")
                    .header("user-agent", ApiClient.USER_AGENT)
                    .connectTimeout(timeout)
                    .buildAsync(uri, new Listener(sink))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            socket.sendText("{\"type\":\"auth\",\"token\":null}", true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            socket.sendText(filterMessage, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new EventsOutSubscriber(socket);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (Exception e) {
            throw new IOException("subscribing at " + uri + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(t -> null);
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final Consumer<String> sink;
        private final StringBuilder partial = new StringBuilder();

        Listener(Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                sink.accept(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
