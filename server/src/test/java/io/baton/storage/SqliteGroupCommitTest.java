package io.baton.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes committed together on SQLite still behave as separate transactions: a failing write undoes only its
 * own changes, a caller returns only after its commit, and reads inside a write see the batch so far.
 */
class SqliteGroupCommitTest {

    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.sqlite());
        db.writeVoid(dsl -> dsl.execute("CREATE TABLE probe (k TEXT PRIMARY KEY, v INTEGER NOT NULL)"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aFailingWriteInABatchUndoesOnlyItsOwnChanges() throws Exception {
        // Hold the writer so that the next writes queue up and are committed as one batch.
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        Future<?> blocker = pool.submit(() -> db.writeVoid(dsl -> {
            holding.countDown();
            await(release);
        }));
        holding.await();
        List<Future<String>> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            writes.add(pool.submit(() -> {
                try {
                    db.writeVoid(dsl -> {
                        insert(dsl, "k" + n, n);
                        if (n % 5 == 0) {
                            insert(dsl, "k" + n + "-extra", n);
                            throw new IllegalArgumentException("refused " + n);
                        }
                    });
                    return "ok";
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }));
        }
        Thread.sleep(200);
        release.countDown();
        blocker.get();
        for (int i = 0; i < 20; i++) {
            assertThat(writes.get(i).get()).isEqualTo(i % 5 == 0 ? "refused " + i : "ok");
        }
        pool.shutdown();
        List<String> keys = db.read(dsl -> dsl.fetch("SELECT k FROM probe ORDER BY v").getValues(0, String.class));
        assertThat(keys).hasSize(16).noneMatch(k -> k.endsWith("-extra"))
                .doesNotContain("k0", "k5", "k10", "k15").contains("k1", "k19");
    }

    @Test
    void anIntegrityViolationIsReportedToItsWriterOnly() throws Exception {
        db.writeVoid(dsl -> insert(dsl, "taken", 1));
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        Future<?> dup = pool.submit(() -> db.writeVoid(dsl -> insert(dsl, "taken", 2)));
        Future<?> fine = pool.submit(() -> db.writeVoid(dsl -> insert(dsl, "free", 3)));
        assertThatThrownBy(dup::get).hasCauseInstanceOf(IntegrityViolationException.class);
        fine.get();
        pool.shutdown();
        assertThat(db.<Integer>read(dsl -> dsl.fetchCount(DSL.table("probe")))).isEqualTo(2);
    }

    @Test
    void aWriteInsideAWriteJoinsItAndReadsSeeIt() {
        int seen = db.write(dsl -> {
            insert(dsl, "outer", 1);
            db.writeVoid(inner -> insert(inner, "inner", 2));
            return db.read(r -> r.fetchCount(DSL.table("probe")));
        });
        assertThat(seen).isEqualTo(2);
        assertThatThrownBy(() -> db.writeVoid(dsl -> {
            insert(dsl, "rolled-back", 3);
            throw new IllegalStateException("no");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(db.<Integer>read(dsl -> dsl.fetchCount(DSL.table("probe")))).isEqualTo(2);
    }

    @Test
    void aClosedDatabaseRefusesWritesAsUnavailable() {
        db.close();
        assertThatThrownBy(() -> db.writeVoid(dsl -> insert(dsl, "late", 1)))
                .isInstanceOf(StorageUnavailableException.class);
    }

    private static void insert(DSLContext dsl, String key, int value) {
        dsl.execute("INSERT INTO probe (k, v) VALUES (?, ?)", key, value);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
