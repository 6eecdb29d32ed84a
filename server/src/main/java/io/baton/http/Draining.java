package io.baton.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Counts the requests in flight, so that a stopping server can finish them before it closes. Once draining,
 * every response asks its client to close the connection ({@code Connection: close}), so a keep-alive client's
 * next request opens a new connection, which a load balancer sends to another replica.
 */
public final class Draining extends Handler.Wrapper {

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        inFlight.incrementAndGet();
        if (draining) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        Callback counted = Callback.from(callback, inFlight::decrementAndGet);
        boolean handled;
        try {
            handled = super.handle(request, response, counted);
        } catch (Exception | Error e) {
            inFlight.decrementAndGet();
            throw e;
        }
        if (!handled) {
            inFlight.decrementAndGet();
        }
        return handled;
    }

    public void beginDraining() {
        draining = true;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Waits until no request is in flight (or {@code timeout} passed); true when none is left. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return inFlight.get() == 0;
    }
}
