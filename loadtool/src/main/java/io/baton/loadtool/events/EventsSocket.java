package io.baton.loadtool.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.loadtool.http.ApiClient;
import io.baton.loadtool.http.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Client side of the {@code /api/events/in} websocket as the Prefect client drives it: subprotocol
 * {@code prefect}, an {@code auth} message answered by {@code auth_success}, then one event per text frame.
 * A ping is a delivery checkpoint: its pong means the server has received everything sent before it.
 */
public final class EventsSocket implements AutoCloseable {
    private final WebSocket socket;
    private final Duration timeout;
    private final Listener listener;

    private EventsSocket(WebSocket socket, Listener listener, Duration timeout) {
        this.socket = socket;
        this.listener = listener;
        this.timeout = timeout;
    }

    /** {@code http://host:4200/api} becomes {@code ws://host:4200/api/events/in}. */
    public static URI eventsInUri(String baseUrl) {
        String ws = baseUrl.replaceFirst("^http", "ws");
        return URI.create(ws + "/events/in");
    }

    /** Opens the socket and completes the auth handshake, or throws. */
    public static EventsSocket open(HttpClient http, URI uri, Duration timeout) throws IOException {
        Listener listener = new Listener();
        WebSocket socket;
        try {
            socket = http.newWebSocketBuilder()
                    .subprotocols("prefect")
                    .header("user-agent", ApiClient.USER_AGENT)
                    .connectTimeout(timeout)
                    .buildAsync(uri, listener)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("websocket connect to " + uri + " failed: " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        EventsSocket events = new EventsSocket(socket, listener, timeout);
        try {
            events.sendText("{\"type\":\"auth\",\"token\":null}");
            JsonNode reply = events.await(listener.authReply);
            if (!"auth_success".equals(reply.path("type").asText())) {
                throw new IOException("websocket auth refused: " + reply);
            }
        } catch (IOException e) {
            events.abort();
            throw e;
        }
        return events;
    }

    /** Sends one event; blocks until the frame is handed to the network. */
    public void send(String eventJson) throws IOException {
        sendText(eventJson);
    }

    /** Sends a ping and waits for its pong; returns the round trip in nanoseconds. */
    public long checkpoint() throws IOException {
        CompletableFuture<Void> pong = new CompletableFuture<>();
        listener.pendingPong = pong;
        long start = System.nanoTime();
        await(socket.sendPing(ByteBuffer.wrap(new byte[]{'b'})));
        await(pong);
        return System.nanoTime() - start;
    }

    public boolean isOpen() {
        return !socket.isOutputClosed() && !socket.isInputClosed() && !listener.closed.isDone();
    }

    private void sendText(String text) throws IOException {
        if (listener.closed.isDone()) {
            throw new IOException("websocket closed: " + listener.closed.getNow("closed"));
        }
        await(socket.sendText(text, true));
    }

    private <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            // Fail fast when the server closes the socket instead of waiting for the full timeout.
            CompletableFuture.anyOf(future, listener.closed).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!future.isDone()) {
                throw new IOException("websocket closed: " + listener.closed.getNow("closed"));
            }
            return future.get();
        } catch (ExecutionException e) {
            throw new IOException("websocket failed: " + rootMessage(e), e);
        } catch (TimeoutException e) {
            throw new IOException("websocket timed out after " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The peer may already be gone; closing is best effort.
        } finally {
            socket.abort();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static final class Listener implements WebSocket.Listener {
        final CompletableFuture<JsonNode> authReply = new CompletableFuture<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        volatile CompletableFuture<Void> pendingPong;
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    authReply.complete(Json.MAPPER.readTree(message));
                } catch (IOException e) {
                    authReply.completeExceptionally(e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            CompletableFuture<Void> pong = pendingPong;
            if (pong != null) {
                pong.complete(null);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete("code " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
            authReply.completeExceptionally(new IOException("closed with code " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
            authReply.completeExceptionally(error);
            CompletableFuture<Void> pong = pendingPong;
            if (pong != null) {
                pong.completeExceptionally(error);
            }
        }
    }
}
