package io.baton.loadtool.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Blocking HTTP/1.1 over plain sockets for one {@code http://host:port}. Written by hand rather than on
 * {@code java.net.http.HttpClient} because the load tool shares the machine with the server it measures:
 * the JDK client's per-request machinery (async stages, selector thread, header maps) cost about 0.45 ms of
 * CPU per call, several times what this needs.
 */
final class PlainHttpClient implements AutoCloseable {
    /** Methods that may be sent again when a reused connection turns out to be closed. */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
    private static final long IDLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(4);

    private final ConnectionPool pool;
    private final byte[] fixedHeaders;

    /**
     * @param extraHeaders header lines sent with every request, each ending in CRLF
     */
    PlainHttpClient(URI base, String extraHeaders) {
        if (!"http".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("only http:// URLs are supported (the tool speaks plain HTTP/1.1), got " + base);
        }
        int port = base.getPort() == -1 ? 80 : base.getPort();
        String host = base.getHost();
        String hostHeader = base.getPort() == -1 ? host : host + ":" + port;
        this.pool = new ConnectionPool(host, port, IDLE_LIMIT_NANOS);
        this.fixedHeaders = HttpConnection.bytes("host: " + hostHeader + "\r\n" + extraHeaders);
    }

    /**
     * @param target origin-form request target (path and query), already ASCII
     * @throws SocketTimeoutException when the deadline passed before the whole answer arrived
     */
    RawResponse send(String method, String target, byte[] body, long deadlineNanos) throws IOException {
        HttpConnection connection = pool.acquire(deadlineNanos);
        try {
            return exchange(connection, method, target, body, deadlineNanos);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            // A kept-alive connection the server closed while it was idle fails before any answer; sending
            // again on a fresh one is safe when the request is idempotent.
            if (!connection.reused() || connection.received() || !IDEMPOTENT.contains(method)
                    || Thread.currentThread().isInterrupted()) {
                throw e;
            }
        }
        return exchange(pool.open(deadlineNanos), method, target, body, deadlineNanos);
    }

    /** One exchange; the connection goes back to the pool after an answer and is closed after a failure. */
    private RawResponse exchange(HttpConnection connection, String method, String target, byte[] body,
                                 long deadlineNanos) throws IOException {
        try {
            RawResponse response = connection.exchange(method, target, fixedHeaders, body, deadlineNanos);
            pool.release(connection);
            return response;
        } catch (IOException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
