package io.baton.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.baton.app.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to reach the database: short transactions on pooled connections, with failures classified
 * into {@link StorageUnavailableException} (retryable, answered 503) and {@link IntegrityViolationException}.
 *
 * <p>On SQLite every write transaction runs on a single dedicated connection, so writers queue inside the
 * server instead of failing with "database is locked", and the writes that queued meanwhile are committed
 * together ({@link SqliteWriter}); readers use their own pool and, thanks to WAL, never block the writer.
 * On PostgreSQL reads and writes share one pool and rely on row locks; request threads hand their
 * transactions to platform threads ({@link JdbcThreads}).
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int DEADLOCK_RETRIES = 3;
    /** A write that waited this long for the database gets a 503 instead of a late answer. */
    private static final long WRITE_QUEUE_TIMEOUT_MILLIS = 30_000;
    /**
     * PostgreSQL: one wait of the pool for a connection. When the pool could not connect meanwhile, the server is
     * unreachable: the transaction answers 503 and the breaker ({@link DatabaseHealth}) fails the next ones at
     * once. When the pool is only busy, the wait starts again, up to {@link #POSTGRES_BUSY_WAIT_MILLIS} in all.
     */
    private static final long POSTGRES_CONNECTION_TIMEOUT_MILLIS = 800;
    private static final long POSTGRES_BUSY_WAIT_MILLIS = 10_000;
    /** PostgreSQL: how long a transaction waits in line for a transaction thread. */
    private static final long POSTGRES_QUEUE_TIMEOUT_MILLIS = 10_000;
    /**
     * SQLite: how long a statement waits for a lock held by another process (within the process every write is on
     * one connection and WAL readers never block it), so a file locked from outside answers 503 quickly.
     */
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 500;

    private final DatabaseUrl url;
    private final SQLDialect dialect;
    /** On PostgreSQL one pool serves both, replaced by a fresh one when the server is back after an outage. */
    private volatile HikariDataSource writePool;
    private volatile HikariDataSource readPool;
    private volatile boolean closed;
    /** SQLite only: the thread that runs and group-commits every write transaction. */
    private final SqliteWriter sqliteWriter;
    /** PostgreSQL only: the platform threads transactions run on. */
    private final JdbcThreads postgresThreads;
    /** PostgreSQL only: the breaker that answers 503 at once while the server is unreachable. */
    private final DatabaseHealth health;
    private final Settings jooqSettings = new Settings()
            .withExecuteLogging(false)
            .withRenderSchema(false)
            // Every name is quoted: columns such as "limit" are keywords, and all names are lower case anyway.
            .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
            .withRenderFormatted(false)
            .withDiagnosticsLogging(false)
            .withFetchWarnings(false);

    private Database(DatabaseUrl url, HikariDataSource writePool, HikariDataSource readPool) {
        this.url = url;
        this.dialect = url.kind() == DatabaseUrl.Kind.SQLITE ? SQLDialect.SQLITE : SQLDialect.POSTGRES;
        this.writePool = writePool;
        this.readPool = readPool;
        this.sqliteWriter = dialect == SQLDialect.SQLITE
                ? new SqliteWriter(writePool, c -> DSL.using(c, dialect, jooqSettings), WRITE_QUEUE_TIMEOUT_MILLIS)
                : null;
        this.postgresThreads = dialect == SQLDialect.POSTGRES
                ? new JdbcThreads(writePool.getMaximumPoolSize(), POSTGRES_QUEUE_TIMEOUT_MILLIS)
                : null;
        this.health = dialect == SQLDialect.POSTGRES
                ? new DatabaseHealth(() -> PostgresProbe.answers(url), this::replacePostgresPool)
                : null;
    }

    public static Database open(DatabaseUrl url) {
        return open(url, false);
    }

    /**
     * For a process that only loads data ({@code baton bench generate}): on SQLite its write connection runs
     * with {@code synchronous=OFF} (an OS crash during the load may corrupt the file: acceptable for a file
     * being filled with benchmark data, on which no server runs meanwhile) and a 500 MB page cache, so that big
     * transactions stay in memory until their commit. PostgreSQL is opened as usual.
     */
    public static Database openForBulkLoad(DatabaseUrl url) {
        return open(url, true);
    }

    private static Database open(DatabaseUrl url, boolean bulkLoad) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        if (url.kind() == DatabaseUrl.Kind.SQLITE) {
            ensureParentDirectory(url.jdbcUrl());
            HikariDataSource writer = sqlitePool(url, "baton-sqlite-writer", 1, false, bulkLoad);
            HikariDataSource reader = sqlitePool(url, "baton-sqlite-reader", bulkLoad ? 1 : 4, true, false);
            return new Database(url, writer, reader);
        }
        HikariDataSource pool = postgresPool(url);
        return new Database(url, pool, pool);
    }

    private static HikariDataSource postgresPool(DatabaseUrl url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("baton-postgres");
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(Integer.getInteger("baton.db.pool", 12));
        config.setMinimumIdle(2);
        config.setConnectionTimeout(POSTGRES_CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(Math.min(500, POSTGRES_CONNECTION_TIMEOUT_MILLIS - 100));
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // A server that does not answer a connection attempt is given up on quickly (seconds); URL parameters win.
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("loginTimeout", "3");
        return new HikariDataSource(config);
    }

    /**
     * After an outage the old pool holds dead connections and its connection creator may be sleeping in a
     * back-off of several seconds; a fresh pool connects at once. The old one is closed off the probe thread.
     */
    private synchronized void replacePostgresPool() {
        if (closed) {
            return;
        }
        HikariDataSource old = writePool;
        HikariDataSource fresh = postgresPool(url);
        writePool = fresh;
        readPool = fresh;
        Thread.ofPlatform().name("baton-db-pool-close").daemon(true).start(old::close);
    }

    private static HikariDataSource sqlitePool(DatabaseUrl url, String name, int size, boolean readOnly,
                                               boolean bulkLoad) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url.jdbcUrl());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        // The writer pool serves one thread (the group-commit writer, and Flyway before it).
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", bulkLoad ? "OFF" : "NORMAL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", String.valueOf(bulkLoad ? 30_000 : SQLITE_BUSY_TIMEOUT_MILLIS));
        // Page cache per connection (KiB): the writer keeps the hot pages; readers share the OS page cache,
        // so a small cache each keeps the native footprint of five connections bounded.
        config.addDataSourceProperty("cache_size", bulkLoad ? "-512000" : readOnly ? "-2000" : "-8000");
        config.addDataSourceProperty("temp_store", "MEMORY");
        if (!readOnly) {
            // The committing connection checkpoints: every 10,000 WAL pages (~40 MB) instead of 1,000, so a page
            // rewritten by many commits is copied into the database file (and synced) far less often.
            config.setConnectionInitSql("PRAGMA wal_autocheckpoint = 10000");
            config.addDataSourceProperty("journal_size_limit", String.valueOf(64L * 1024 * 1024));
        }
        return new HikariDataSource(config);
    }

    private static void ensureParentDirectory(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        int q = path.indexOf('?');
        java.nio.file.Path file = java.nio.file.Path.of(q < 0 ? path : path.substring(0, q)).toAbsolutePath();
        try {
            java.nio.file.Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create database directory " + file.getParent(), e);
        }
    }

    /** Applies the schema migrations of this dialect. */
    public void migrate() {
        if (isSqlite()) {
            enableIncrementalVacuum();
        }
        String location = "classpath:db/migration/" + (isSqlite() ? "sqlite" : "postgresql");
        Flyway.configure()
                .dataSource(writePool)
                .locations(location)
                .loggers("slf4j")
                .load()
                .migrate();
    }

    /**
     * SQLite gives deleted pages back to the file system only in auto-vacuum mode, and the mode can only change by
     * rewriting the file (VACUUM). A new, empty database is switched before its first table (the rewrite is
     * instant); an existing one in the default mode keeps its free pages for reuse, and the log says how to switch
     * it once (README, "Retention").
     */
    private void enableIncrementalVacuum() {
        try (Connection c = writePool.getConnection(); var st = c.createStatement()) {
            boolean empty;
            try (var rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
                empty = rs.next() && rs.getInt(1) == 0;
            }
            int mode;
            try (var rs = st.executeQuery("PRAGMA auto_vacuum")) {
                mode = rs.next() ? rs.getInt(1) : 0;
            }
            if (mode == 2) {
                return;
            }
            if (empty) {
                st.execute("PRAGMA auto_vacuum = INCREMENTAL");
                st.execute("VACUUM");
            } else {
                log.info("This SQLite database does not give deleted space back to the file system "
                        + "(auto_vacuum is off); to switch it once, stop the server and run: "
                        + "sqlite3 {} 'PRAGMA auto_vacuum = INCREMENTAL; VACUUM;'", url.jdbcUrl().substring("jdbc:sqlite:".length()));
            }
        } catch (SQLException e) {
            throw classify(e);
        }
    }

    public boolean isSqlite() {
        return dialect == SQLDialect.SQLITE;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public DatabaseUrl url() {
        return url;
    }

    /** A read-only unit of work; sees everything committed before it started. */
    public <T> T read(Function<DSLContext, T> work) {
        if (sqliteWriter != null && sqliteWriter.inUnit()) {
            // Inside a write: read the transaction's own view, including what the batch wrote before.
            return work.apply(sqliteWriter.currentContext());
        }
        if (postgresThreads != null) {
            health.ensureUp();
            return postgresThreads.run(() -> inTransaction(readPool, work));
        }
        return inTransaction(readPool, work);
    }

    /** A write transaction: committed when {@code work} returns, rolled back when it throws. */
    public <T> T write(Function<DSLContext, T> work) {
        if (sqliteWriter != null) {
            return sqliteWriter.write(work);
        }
        if (postgresThreads != null) {
            health.ensureUp();
            return postgresThreads.run(() -> writeWithRetries(work));
        }
        return writeWithRetries(work);
    }

    private <T> T writeWithRetries(Function<DSLContext, T> work) {
        // Only the database's own conflict errors are retried; the work must not have outside effects.
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(writePool, work);
            } catch (StorageUnavailableException e) {
                if (attempt >= DEADLOCK_RETRIES || !isConflict(e.getCause())) {
                    throw e;
                }
                log.debug("Retrying a write after a transaction conflict", e);
            }
        }
    }

    public void writeVoid(Consumer<DSLContext> work) {
        write(dsl -> {
            work.accept(dsl);
            return null;
        });
    }

    /** True when the database answers a trivial query; false at once while it is known to be unreachable. */
    public boolean isAvailable() {
        if (health != null && health.isDown()) {
            return false;
        }
        try (Connection c = readPool.getConnection(); var st = c.createStatement()) {
            st.setQueryTimeout(1);
            st.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            if (health != null) {
                health.observe(e);
            }
            return false;
        }
    }

    private <T> T inTransaction(HikariDataSource pool, Function<DSLContext, T> work) {
        Connection connection = acquire(pool);
        try (connection) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(DSL.using(connection, dialect, jooqSettings));
                connection.commit();
                return result;
            } catch (Throwable t) {
                rollbackQuietly(connection);
                throw t;
            }
        } catch (DataAccessException e) {
            SQLException sql = e.getCause(SQLException.class);
            if (health != null && sql != null) {
                health.observe(sql);
            }
            throw sql != null ? classify(sql) : e;
        } catch (SQLException e) {
            if (health != null) {
                health.observe(e);
            }
            throw classify(e);
        }
    }

    private Connection acquire(HikariDataSource pool) {
        long deadline = System.nanoTime() + POSTGRES_BUSY_WAIT_MILLIS * 1_000_000;
        while (true) {
            try {
                return pool.getConnection();
            } catch (SQLException | RuntimeException e) {
                // No connection to be had (database down, pool exhausted or closed): the client should retry.
                if (health == null) {
                    throw new StorageUnavailableException(String.valueOf(e.getMessage()), e);
                }
                health.observe(e);
                if (health.isDown() || DatabaseHealth.isConnectionFailure(e) || closed
                        || System.nanoTime() > deadline) {
                    throw new StorageUnavailableException(String.valueOf(e.getMessage()), e);
                }
                if (pool.isClosed()) {
                    pool = writePool; // replaced after an outage
                }
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the pool will discard it.
        }
    }

    /** Maps a driver error to the storage exceptions the HTTP layer understands. */
    public static RuntimeException classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        String message = String.valueOf(e.getMessage());
        boolean sqliteBusy = message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED")
                || message.contains("database is locked");
        // The file cannot be written or read right now (read-only, disk full, I/O error, gone): retryable.
        boolean sqliteFile = message.contains("SQLITE_READONLY") || message.contains("SQLITE_FULL")
                || message.contains("SQLITE_IOERR") || message.contains("SQLITE_CANTOPEN");
        if (e instanceof SQLTransientException || state.startsWith("08") || state.startsWith("40")
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("57014") || state.equals("53300") || state.equals("55P03") || sqliteBusy || sqliteFile) {
            return new StorageUnavailableException(message, e);
        }
        if (state.startsWith("23") || message.contains("SQLITE_CONSTRAINT") || code == 19) {
            return new IntegrityViolationException(message, e);
        }
        return new DataAccessException(message, e);
    }

    private static boolean isConflict(Throwable cause) {
        return cause instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"));
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (health != null) {
            health.close();
        }
        if (sqliteWriter != null) {
            sqliteWriter.close();
        }
        if (postgresThreads != null) {
            postgresThreads.close();
        }
        writePool.close();
        if (readPool != writePool) {
            readPool.close();
        }
    }
}
