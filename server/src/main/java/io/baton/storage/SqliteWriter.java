package io.baton.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for SQLite: every write transaction of the process runs on one thread that owns the single write
 * connection and commits the units queued meanwhile together.
 *
 * <p>On SQLite a commit writes every page the transaction touched to the WAL; consecutive transactions touch the
 * same pages (time-ordered ids append to the same B-tree leaves), so committing them together writes each page
 * once instead of once per request. Each unit still behaves as its own transaction: it runs inside a savepoint
 * that is rolled back when the unit throws, so a failing unit never takes its neighbours' changes with it. A unit
 * is acknowledged (its caller returns) only after the commit that holds it, so nothing acknowledged is lost;
 * when that commit fails, every unit in it fails with {@link StorageUnavailableException} (503, retried by the
 * client).
 */
final class SqliteWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqliteWriter.class);
    /** Bounds the time a unit waits for the commit of the units before it in the same batch. */
    private static final int MAX_BATCH = 128;

    private final DataSource pool;
    private final Function<Connection, DSLContext> contexts;
    private final long maxQueueWaitNanos;
    private final LinkedBlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    /** The open batch's context; only read and written on the writer thread. */
    private DSLContext current;

    SqliteWriter(DataSource pool, Function<Connection, DSLContext> contexts, long maxQueueWaitMillis) {
        this.pool = pool;
        this.contexts = contexts;
        this.maxQueueWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxQueueWaitMillis);
        this.thread = Thread.ofPlatform().name("baton-sqlite-writer").daemon(true).unstarted(this::loop);
        this.thread.start();
    }

    /** True on the writer thread, inside a unit: the caller's work already runs in a write transaction. */
    boolean inUnit() {
        return Thread.currentThread() == thread && current != null;
    }

    /** The open transaction's context; only valid while {@link #inUnit()}. */
    DSLContext currentContext() {
        return current;
    }

    /** Runs {@code work} in a write transaction and returns once it is committed. */
    <T> T write(Function<DSLContext, T> work) {
        if (inUnit()) {
            // A write started inside a write joins it, as one transaction.
            return work.apply(current);
        }
        if (closing) {
            throw new StorageUnavailableException("The database is shutting down", null);
        }
        Unit<T> unit = new Unit<>(work, System.nanoTime());
        queue.add(unit);
        return DatabaseAnswers.await(unit.result);
    }

    private void loop() {
        List<Unit<?>> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                Unit<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                if (closing) {
                    failAll(batch, new StorageUnavailableException("The database is shutting down", e));
                    return;
                }
            } catch (Throwable t) {
                // Never let the writer die: fail what it holds and go on.
                log.error("SQLite writer failed a batch", t);
                failAll(batch, new StorageUnavailableException(String.valueOf(t.getMessage()), t));
            }
            batch.clear();
        }
    }

    private void runBatch(List<Unit<?>> batch) {
        long now = System.nanoTime();
        List<Unit<?>> live = new ArrayList<>(batch.size());
        for (Unit<?> unit : batch) {
            if (now - unit.queuedAt > maxQueueWaitNanos) {
                unit.result.completeExceptionally(new StorageUnavailableException(
                        "Timed out waiting for the database writer", null));
            } else {
                live.add(unit);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException | RuntimeException e) {
            failAll(live, new StorageUnavailableException(String.valueOf(e.getMessage()), e));
            return;
        }
        try (connection) {
            runInTransaction(connection, live);
        } catch (SQLException e) {
            log.debug("Closing the SQLite write connection failed", e);
        }
    }

    private void runInTransaction(Connection connection, List<Unit<?>> units) {
        boolean savepoints = units.size() > 1;
        int executed = 0;
        try (Transaction tx = new Transaction(connection)) {
            current = contexts.apply(connection);
            tx.begin();
            for (Unit<?> unit : units) {
                executed++;
                if (savepoints) {
                    tx.savepoint();
                }
                try {
                    unit.run(current);
                    if (savepoints) {
                        tx.release();
                    }
                } catch (Throwable t) {
                    unit.failure = classify(t);
                    if (savepoints) {
                        tx.rollbackToSavepoint();
                    } else {
                        tx.rollback();
                        unit.complete();
                        return;
                    }
                }
            }
            tx.commit();
            for (Unit<?> unit : units) {
                unit.complete();
            }
        } catch (SQLException | RuntimeException e) {
            // The transaction is gone (commit failed, or a unit's failure rolled all of it back): nothing in it
            // is acknowledged. Units that have not run yet queue again (they keep their deadline), unless the
            // transaction could not even begin (file locked from outside, unwritable): then all answer 503 now.
            RuntimeException failure = new StorageUnavailableException(String.valueOf(e.getMessage()), e);
            if (executed == 0) {
                failAll(units, failure);
                return;
            }
            for (int i = 0; i < units.size(); i++) {
                Unit<?> unit = units.get(i);
                if (i < executed) {
                    unit.result.completeExceptionally(unit.failure != null && i == executed - 1 ? unit.failure : failure);
                } else {
                    requeue(unit);
                }
            }
        } finally {
            current = null;
        }
    }

    private void requeue(Unit<?> unit) {
        // Order among units waiting in the queue carries no meaning: each is an independent transaction.
        queue.add(unit);
    }

    private static RuntimeException classify(Throwable t) {
        if (t instanceof DataAccessException e) {
            SQLException sql = e.getCause(SQLException.class);
            return sql != null ? Database.classify(sql) : e;
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(t);
    }

    private static void failAll(List<Unit<?>> units, RuntimeException failure) {
        for (Unit<?> unit : units) {
            unit.result.completeExceptionally(failure);
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    private static final class Unit<T> {
        final Function<DSLContext, T> work;
        final long queuedAt;
        final CompletableFuture<T> result = new CompletableFuture<>();
        T value;
        RuntimeException failure;

        Unit(Function<DSLContext, T> work, long queuedAt) {
            this.work = work;
            this.queuedAt = queuedAt;
        }

        void run(DSLContext dsl) {
            value = work.apply(dsl);
        }

        void complete() {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }
    }

    /**
     * Transaction control by plain statements on an auto-commit connection: the driver then never opens a
     * transaction on its own (sqlite-jdbc begins the next one right after a commit when auto-commit is off).
     */
    private static final class Transaction implements AutoCloseable {
        /** Only the writer thread uses it. */
        private static final Map<Connection, Map<String, PreparedStatement>> CONTROL = new WeakHashMap<>();

        private final Connection connection;
        private boolean open;

        Transaction(Connection connection) {
            this.connection = connection;
        }

        void begin() throws SQLException {
            exec("BEGIN IMMEDIATE");
            open = true;
        }

        void savepoint() throws SQLException {
            exec("SAVEPOINT unit");
        }

        void release() throws SQLException {
            exec("RELEASE unit");
        }

        void rollbackToSavepoint() throws SQLException {
            // ROLLBACK TO keeps the savepoint on the stack; RELEASE pops it.
            exec("ROLLBACK TO unit");
            exec("RELEASE unit");
        }

        void commit() throws SQLException {
            exec("COMMIT");
            open = false;
        }

        void rollback() throws SQLException {
            open = false;
            exec("ROLLBACK");
        }

        private void exec(String sql) throws SQLException {
            // Prepared once per driver connection: these few statements run several times per batch.
            Connection driver = connection.unwrap(org.sqlite.SQLiteConnection.class);
            Map<String, PreparedStatement> prepared = CONTROL.computeIfAbsent(driver, c -> new HashMap<>());
            PreparedStatement st = prepared.get(sql);
            if (st == null || st.isClosed()) {
                st = driver.prepareStatement(sql);
                prepared.put(sql, st);
            }
            st.execute();
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                try {
                    exec("ROLLBACK");
                } catch (SQLException | RuntimeException ignored) {
                    // The transaction is already gone, or the connection is broken and the pool replaces it.
                }
            }
        }
    }
}
