package io.baton.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.domain.work.WorkQueueSpec;
import io.baton.json.Json;
import io.baton.storage.jdbc.JdbcWorkPoolStore;
import io.baton.storage.jdbc.JdbcWorkQueueStore;
import io.baton.storage.jdbc.JdbcWorkerStore;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.testing.DbKind;
import io.baton.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Worker heartbeats, poll bookkeeping and the foreman's health pass, on every database. */
@ParameterizedClass
@EnumSource(DbKind.class)
class ForemanStoreTest {

    @Parameter
    DbKind kind;

    Database db;
    WorkPoolStore pools;
    WorkQueueStore queues;
    WorkerStore workers;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.fresh(kind));
        db.migrate();
        pools = new JdbcWorkPoolStore(db);
        queues = new JdbcWorkQueueStore(db);
        workers = new JdbcWorkerStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void silentWorkersGoOfflineAndTheirPoolNotReady() {
        var pool = pools.create("p", null, "process", Json.object(), false, null, null);
        Instant then = Instant.parse("2026-03-01T10:00:00Z");
        workers.heartbeat("p", "w", 10, then);
        assertThat(pools.read("p").orElseThrow().status()).isEqualTo("READY");
        var listed = workers.filter("p", Query.all(Criterion.EVERYTHING), then.plusSeconds(29)).orElseThrow();
        assertThat(listed.getFirst().status()).isEqualTo("ONLINE");
        assertThat(workers.filter("p", Query.all(Criterion.EVERYTHING), then.plusSeconds(31)).orElseThrow().getFirst().status())
                .isEqualTo("OFFLINE");

        queues.recordPoll(List.of(pool.defaultQueueId()), List.of(), then);
        assertThat(queues.read(pool.defaultQueueId()).orElseThrow().status()).isEqualTo("READY");

        // Still within three heartbeat intervals: nothing changes.
        assertThat(workers.markUnhealthy(then.plusSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(60))).isZero();
        int changed = workers.markUnhealthy(then.plusSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(60));
        assertThat(changed).isEqualTo(3); // worker, pool, queue
        assertThat(pools.read("p").orElseThrow().status()).isEqualTo("NOT_READY");
        assertThat(queues.read(pool.defaultQueueId()).orElseThrow().status()).isEqualTo("NOT_READY");
        assertThat(workers.markUnhealthy(then.plusSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(60))).isZero();
    }

    @Test
    void pausedQueuesStayPausedWhenPolled() {
        pools.create("p", null, "process", Json.object(), false, null, null);
        var q = queues.create("p", new WorkQueueSpec("q", null, true, null, null, null));
        queues.recordPoll(List.of(q.id()), List.of(), Instant.now());
        assertThat(queues.read(q.id()).orElseThrow().status()).isEqualTo("PAUSED");
    }
}
