package io.baton.storage;

import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker in front of a database server: once a connection attempt or a query fails because the server
 * cannot be reached, every unit of work fails at once with {@link StorageUnavailableException} (503) instead of
 * each waiting out the pool's connection timeout. A probe thread then tries a fresh connection every
 * {@link #PROBE_INTERVAL_MILLIS} ms; the first success closes the breaker, and the pool drops the connections it
 * held from before the outage so that no request picks a dead one.
 */
public final class DatabaseHealth implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);
    static final long PROBE_INTERVAL_MILLIS = 200;

    private final BooleanSupplier probe;
    private final Runnable onRecovery;
    private final Object lock = new Object();
    private volatile boolean down;
    private volatile boolean closed;
    private Thread prober;

    /**
     * @param probe      true when a fresh connection to the server answers a trivial query (short timeouts)
     * @param onRecovery run once each time the server answers again
     */
    public DatabaseHealth(BooleanSupplier probe, Runnable onRecovery) {
        this.probe = probe;
        this.onRecovery = onRecovery;
    }

    public boolean isDown() {
        return down;
    }

    /** Fails at once while the breaker is open. */
    public void ensureUp() {
        if (down) {
            throw new StorageUnavailableException("The database is not reachable", null);
        }
    }

    /** Opens the breaker when {@code failure} says the server cannot be reached; other failures pass. */
    public void observe(Throwable failure) {
        if (!closed && isConnectionFailure(failure)) {
            open(failure);
        }
    }

    private void open(Throwable failure) {
        synchronized (lock) {
            if (down || closed) {
                return;
            }
            down = true;
            log.warn("The database is not reachable ({}); answering 503 until it is back", rootMessage(failure));
            prober = Thread.ofPlatform().name("baton-db-probe").daemon(true).start(this::probeUntilUp);
        }
    }

    private void probeUntilUp() {
        long since = System.nanoTime();
        while (!closed) {
            LockSupport.parkNanos(PROBE_INTERVAL_MILLIS * 1_000_000);
            boolean answers;
            try {
                answers = probe.getAsBoolean();
            } catch (RuntimeException e) {
                answers = false;
            }
            if (answers) {
                try {
                    onRecovery.run();
                } catch (RuntimeException e) {
                    log.debug("Recovery action failed", e);
                }
                synchronized (lock) {
                    down = false;
                    prober = null;
                }
                log.info("The database is reachable again after {} ms", (System.nanoTime() - since) / 1_000_000);
                return;
            }
        }
    }

    /**
     * True for failures that say nothing answers at the other end: SQL state class 08 (connection exception),
     * PostgreSQL's shutdown states, or a pool timeout caused by failed connection attempts.
     */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03")) {
                    return true;
                }
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    @Override
    public void close() {
        Thread running;
        synchronized (lock) {
            closed = true;
            running = prober;
        }
        if (running != null) {
            running.interrupt();
        }
    }
}
