package io.baton.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A websocket client for tests: offers subprotocol {@code prefect} unless told otherwise, collects text
 * messages, and lets a test send a ping and wait for its pong (the Prefect client's delivery checkpoint).
 */
public final class TestSocket implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long WAIT_SECONDS = 30;

    private final WebSocket socket;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final String subprotocol;

    private TestSocket(String url, boolean prefectSubprotocol) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (prefectSubprotocol) {
            builder.subprotocols("prefect");
        }
        this.socket = builder.buildAsync(URI.create(url), new Listener()).join();
        this.subprotocol = socket.getSubprotocol();
    }

    public static TestSocket open(BatonServer server, String path) {
        return new TestSocket("ws://127.0.0.1:" + server.port() + "/api" + path, true);
    }

    public static TestSocket openWithoutSubprotocol(BatonServer server, String path) {
        return new TestSocket("ws://127.0.0.1:" + server.port() + "/api" + path, false);
    }

    /** Opens and completes the auth handshake. */
    public static TestSocket authenticated(BatonServer server, String path) {
        return authenticated(server.port(), path);
    }

    /** Opens a socket on a server assembled by the test itself and completes the auth handshake. */
    public static TestSocket authenticated(int port, String path) {
        TestSocket s = new TestSocket("ws://127.0.0.1:" + port + "/api" + path, true);
        s.send("{\"type\":\"auth\",\"token\":null}");
        JsonNode reply = s.next();
        if (reply == null || !"auth_success".equals(reply.path("type").asText())) {
            throw new AssertionError("handshake failed: " + reply);
        }
        return s;
    }

    public String subprotocol() {
        return subprotocol;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void send(JsonNode json) {
        send(json.toString());
    }

    /** Sends a ping and waits for its pong. */
    public void pingAndAwaitPong() {
        ByteBuffer payload = ByteBuffer.wrap(("p" + System.nanoTime()).getBytes());
        socket.sendPing(payload.duplicate()).join();
        try {
            while (true) {
                ByteBuffer pong = pongs.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                if (pong == null) {
                    throw new AssertionError("no pong");
                }
                if (pong.equals(payload)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a ping without waiting for its pong. */
    public void sendPing() {
        socket.sendPing(ByteBuffer.wrap(("p" + System.nanoTime()).getBytes())).join();
    }

    /** How many pongs have arrived and were not consumed by {@link #pingAndAwaitPong}. */
    public int pongsReceived() {
        return pongs.size();
    }

    /** The next text message as JSON; null when none arrives in time or the socket closed. */
    public JsonNode next() {
        try {
            String text = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            return text == null ? null : ApiClient.json(text);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message already received, without waiting; null when there is none. */
    public JsonNode poll() {
        String text = messages.poll();
        return text == null ? null : ApiClient.json(text);
    }

    /** The close code the server sent (waits for it). */
    public int awaitClose() {
        return closed.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone() || socket.isInputClosed();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(t -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            ByteBuffer copy = ByteBuffer.allocate(message.remaining());
            copy.put(message).flip();
            pongs.add(copy);
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
