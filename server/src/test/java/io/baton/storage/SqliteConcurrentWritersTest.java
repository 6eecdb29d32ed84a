package io.baton.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.storage.jdbc.JdbcFlowStore;
import io.baton.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The embedded database must never answer "database is locked": writers queue inside the server. */
class SqliteConcurrentWritersTest {

    @Test
    @Tag("slow")
    void thirtyTwoConcurrentWritersGetNoErrors() throws Exception {
        try (Database db = Database.open(TestDatabases.sqlite())) {
            db.migrate();
            FlowStore flows = new JdbcFlowStore(db);
            AtomicInteger errors = new AtomicInteger();
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> futures = new ArrayList<>();
            for (int writer = 0; writer < 32; writer++) {
                int w = writer;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        try {
                            flows.createOrGet("w" + w + "-" + i, List.of("t"), null);
                            flows.filter(io.baton.domain.filter.Query.all(io.baton.domain.filter.Criterion.EVERYTHING));
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertThat(errors.get()).isZero();
            assertThat(flows.count(io.baton.domain.filter.Criterion.EVERYTHING)).isEqualTo(32 * 50);
        }
    }
}
