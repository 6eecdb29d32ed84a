package io.baton.http.ws;

import io.javalin.websocket.WsContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * Non-blocking sends to one subscriber. Frames are queued by the websocket layer; a subscriber that lets
 * more than {@link #MAX_PENDING} frames pile up is disconnected (1013, try again later) rather than
 * allowed to grow the server's memory.
 */
public final class Outbox {

    static final int MAX_PENDING = 10_000;

    private final WsContext ctx;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    public Outbox(WsContext ctx) {
        this.ctx = ctx;
    }

    public void send(String text) {
        if (closed.get()) {
            return;
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            if (closed.compareAndSet(false, true)) {
                ctx.closeSession(1013, "Subscriber too slow");
            }
            return;
        }
        try {
            ctx.session.sendText(text, Callback.from(pending::decrementAndGet, failure -> pending.decrementAndGet()));
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            closed.set(true);
        }
    }

    public boolean isOpen() {
        return !closed.get() && ctx.session.isOpen();
    }

    public void markClosed() {
        closed.set(true);
    }
}
