package io.baton.loadtool.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Idle keep-alive connections to one server. A caller takes one (or a new one) for the length of an exchange
 * and gives it back; the most recently used comes out first, so the number of connections stays near the
 * number of concurrent callers. Connections idle for longer than the limit are dropped unused, before a
 * server's own keep-alive timeout (uvicorn closes after 5 s) makes them stale.
 */
final class ConnectionPool implements AutoCloseable {
    private final String host;
    private final int port;
    private final long idleLimitNanos;
    private final ConcurrentLinkedDeque<HttpConnection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ConnectionPool(String host, int port, long idleLimitNanos) {
        this.host = host;
        this.port = port;
        this.idleLimitNanos = idleLimitNanos;
    }

    /** An idle connection young enough to trust, else a new one. */
    HttpConnection acquire(long deadlineNanos) throws IOException {
        long now = System.nanoTime();
        HttpConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            if (now - connection.idleSinceNanos() < idleLimitNanos) {
                return connection;
            }
            connection.close();
        }
        return open(deadlineNanos);
    }

    HttpConnection open(long deadlineNanos) throws IOException {
        if (closed) {
            throw new IOException("client closed");
        }
        // Resolved on every connect (the JDK caches lookups), so a name that fails now may work later.
        return HttpConnection.open(new InetSocketAddress(host, port), deadlineNanos);
    }

    /** Keeps the connection for the next caller if it can carry another request. */
    void release(HttpConnection connection) {
        if (!connection.reusable() || closed) {
            connection.close();
            return;
        }
        connection.markIdle(System.nanoTime());
        idle.offerFirst(connection);
        if (closed && idle.remove(connection)) {
            connection.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        HttpConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            connection.close();
        }
    }
}
