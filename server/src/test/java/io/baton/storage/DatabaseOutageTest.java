package io.baton.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.app.BatonServer;
import io.baton.app.DatabaseUrl;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TcpProxy;
import io.baton.testing.TestDatabases;
import io.baton.testing.TestServers;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database outage answers 503 quickly and heals by itself. PostgreSQL is reached through a TCP proxy the test
 * cuts and restores (the machine's server is never touched); an SQLite file is locked from another connection.
 * The bounds are generous (the targets are 1 s to a 503 and 2 s to recover); they only separate failing fast
 * from waiting out a pool or busy timeout.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DatabaseOutageTest {

    private static final long FAST_503_MILLIS = 3_000;
    private static final long RECOVERY_MILLIS = 6_000;

    @Parameter
    DbKind db;

    TcpProxy proxy;
    DatabaseUrl sqliteUrl;
    Connection sqliteLock;
    BatonServer server;
    ApiClient api;

    @BeforeEach
    void start() throws Exception {
        DatabaseUrl url;
        if (db == DbKind.POSTGRES) {
            DatabaseUrl direct = TestDatabases.postgres();
            URI target = URI.create(direct.jdbcUrl().substring("jdbc:".length()));
            proxy = new TcpProxy(target.getHost(), target.getPort());
            url = new DatabaseUrl(DatabaseUrl.Kind.POSTGRESQL,
                    "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath(), direct.user(), direct.password());
        } else {
            url = sqliteUrl = TestDatabases.sqlite();
        }
        server = TestServers.fresh(db, s -> s.withDatabase(url).withServices(true));
        api = new ApiClient(server).unvalidated();
    }

    @AfterEach
    void stop() throws Exception {
        restoreDatabase();
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void requestsAnswer503QuicklyDuringAnOutageAndRecoverAlone() throws Exception {
        api.post("/flows/", "{\"name\": \"before-" + UUID.randomUUID() + "\"}").expect(201);
        api.get("/ready").expect(200);

        cutDatabase();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            var write = api.post("/flows/", "{\"name\": \"during-" + UUID.randomUUID() + "\"}");
            long writeMillis = elapsedMillis(started);
            assertThat(write.status()).as("write during the outage").isEqualTo(503);
            assertThat(write.body().get("exception_message").asText()).isEqualTo("Service Unavailable");
            assertThat(writeMillis).as("ms to the 503 of write %d", i).isLessThan(FAST_503_MILLIS);

            started = System.nanoTime();
            var ready = api.get("/ready");
            assertThat(elapsedMillis(started)).as("ms to /ready's answer").isLessThan(FAST_503_MILLIS);
            if (db == DbKind.POSTGRES) {
                // An SQLite file locked for writing can still be read, so it is still ready.
                assertThat(ready.status()).isEqualTo(503);
            }
        }
        if (db == DbKind.POSTGRES) {
            long started = System.nanoTime();
            assertThat(api.post("/flows/filter", "{}").status()).isEqualTo(503);
            assertThat(elapsedMillis(started)).as("ms to the 503 of a read").isLessThan(FAST_503_MILLIS);
        }

        restoreDatabase();
        long restored = System.nanoTime();
        int status = 0;
        while (elapsedMillis(restored) < 30_000) {
            status = api.post("/flows/", "{\"name\": \"after-" + UUID.randomUUID() + "\"}").status();
            if (status == 201) {
                break;
            }
            Thread.sleep(50);
        }
        long recoveryMillis = elapsedMillis(restored);
        assertThat(status).isEqualTo(201);
        assertThat(recoveryMillis).as("ms until writes succeed again").isLessThan(RECOVERY_MILLIS);
        api.get("/ready").expect(200);
        api.post("/flows/filter", "{}").expect(200);
    }

    @Test
    void backgroundServicesKeepWorkingAfterAnOutage() throws Exception {
        cutDatabase();
        // Long enough for the late-runs service (every 5 s) to fail at least one pass.
        Thread.sleep(6_000);
        restoreDatabase();

        String flowId = awaitCreated("/flows/", "{\"name\": \"late-" + UUID.randomUUID() + "\"}");
        String scheduled = Instant.now().minusSeconds(120).toString();
        String runId = awaitCreated("/flow_runs/", "{\"flow_id\": \"" + flowId + "\", \"state\": {\"type\": \"SCHEDULED\","
                + " \"state_details\": {\"scheduled_time\": \"" + scheduled + "\"}}}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        String state = "";
        while (System.nanoTime() < deadline) {
            state = api.get("/flow_runs/" + runId).body().path("state").path("name").asText();
            if (state.equals("Late")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(state).as("the late-runs service marked the run after the outage").isEqualTo("Late");
    }

    private String awaitCreated(String path, String body) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            var r = api.post(path, body);
            if (r.status() == 201) {
                return r.body().get("id").asText();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never created " + path);
    }

    private void cutDatabase() throws Exception {
        if (proxy != null) {
            proxy.cut();
        } else {
            sqliteLock = DriverManager.getConnection(sqliteUrl.jdbcUrl());
            try (Statement st = sqliteLock.createStatement()) {
                st.execute("BEGIN EXCLUSIVE");
            }
        }
    }

    private void restoreDatabase() throws Exception {
        if (proxy != null) {
            proxy.restore();
        } else if (sqliteLock != null) {
            try (Statement st = sqliteLock.createStatement()) {
                st.execute("ROLLBACK");
            }
            sqliteLock.close();
            sqliteLock = null;
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
