package io.baton.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.app.BatonServer;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Transient database trouble must reach clients as 503 (which they retry), never as 500. */
class DatabaseFailureTest {

    @Test
    void driverErrorsAreClassified() {
        assertThat(Database.classify(new SQLException("conn reset", "08006"))).isInstanceOf(StorageUnavailableException.class);
        assertThat(Database.classify(new SQLException("deadlock", "40P01"))).isInstanceOf(StorageUnavailableException.class);
        assertThat(Database.classify(new SQLException("[SQLITE_BUSY] database is locked", null, 5)))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(Database.classify(new SQLTransientConnectionException("timeout"))).isInstanceOf(StorageUnavailableException.class);
        assertThat(Database.classify(new SQLException("dup", "23505"))).isInstanceOf(IntegrityViolationException.class);
        // An SQLite file that cannot be written or read right now is a retryable 503, not a 500.
        for (String code : new String[] {"SQLITE_READONLY", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN"}) {
            assertThat(Database.classify(new SQLException("[" + code + "] the file", null, 8)))
                    .isInstanceOf(StorageUnavailableException.class);
        }
    }

    @Test
    void onlyUnreachableServersOpenTheBreaker() {
        assertThat(DatabaseHealth.isConnectionFailure(new SQLException("refused", "08001"))).isTrue();
        assertThat(DatabaseHealth.isConnectionFailure(new SQLTransientConnectionException("pool timeout", "08001",
                new SQLException("Connection refused", "08001")))).isTrue();
        assertThat(DatabaseHealth.isConnectionFailure(new RuntimeException(new java.net.ConnectException()))).isTrue();
        // A pool that is merely busy, or a query that failed, says nothing about the server.
        assertThat(DatabaseHealth.isConnectionFailure(new SQLTransientConnectionException("pool timeout"))).isFalse();
        assertThat(DatabaseHealth.isConnectionFailure(new SQLException("deadlock", "40P01"))).isFalse();
        assertThat(DatabaseHealth.isConnectionFailure(new SQLException("dup", "23505"))).isFalse();
    }

    @Test
    @Tag("slow")
    void aLostDatabaseAnswers503() {
        for (DbKind kind : DbKind.values()) {
            try (BatonServer server = TestServers.fresh(kind, UnaryOperator.identity())) {
                ApiClient api = new ApiClient(server).unvalidated();
                api.get("/ready").expect(200);
                server.database().close();
                var ready = api.get("/ready").expect(503);
                assertThat(ready.body().get("message").asText()).isEqualTo("Database is not available");
                var write = api.post("/flows/", "{\"name\": \"x\"}").expect(503);
                assertThat(write.body().get("exception_message").asText()).isEqualTo("Service Unavailable");
            }
        }
    }
}
