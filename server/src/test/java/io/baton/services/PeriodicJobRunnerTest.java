package io.baton.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.storage.StorageUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A job that fails in any way (database gone, a bug, an Error) runs again at its next interval. */
class PeriodicJobRunnerTest {

    @Test
    void aJobKeepsRunningAfterAnyFailure() throws InterruptedException {
        AtomicInteger passes = new AtomicInteger();
        PeriodicJob failing = new PeriodicJob() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public Duration interval() {
                return Duration.ofMillis(10);
            }

            @Override
            public void runOnce() {
                switch (passes.incrementAndGet()) {
                    case 1 -> throw new StorageUnavailableException("The database is not reachable", null);
                    case 2 -> throw new IllegalStateException("a bug");
                    case 3 -> throw new StackOverflowError();
                    default -> { }
                }
            }
        };
        try (PeriodicJobRunner runner = PeriodicJobRunner.start(List.of(failing))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (passes.get() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(passes.get()).isGreaterThanOrEqualTo(5);
    }
}
