package io.baton.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Platform threads that run the PostgreSQL transactions of request (virtual) threads.
 *
 * <p>A transaction is several round trips to the server; on a virtual thread each one parks the thread, wakes the
 * socket poller and remounts the thread when the answer arrives, which cost more CPU than the driver's own work.
 * Handing the whole transaction to a platform thread, which blocks in the kernel for each answer, leaves one
 * hand-off per transaction. There are as many threads as pooled connections, so a transaction that starts always
 * finds a connection; the rest wait in line here instead of in the pool.
 */
final class JdbcThreads implements AutoCloseable {

    private final ExecutorService executor;
    private final long maxQueueWaitNanos;

    JdbcThreads(int threads, long maxQueueWaitMillis) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> Thread.ofPlatform().name("baton-jdbc-" + n.incrementAndGet()).daemon(true).unstarted(r));
        this.maxQueueWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxQueueWaitMillis);
    }

    /** Runs {@code work} on a platform thread when called from a virtual thread, else right here. */
    <T> T run(Supplier<T> work) {
        if (!Thread.currentThread().isVirtual()) {
            return work.get();
        }
        long queuedAt = System.nanoTime();
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                if (System.nanoTime() - queuedAt > maxQueueWaitNanos) {
                    result.completeExceptionally(new StorageUnavailableException(
                            "Timed out waiting for a database connection", null));
                    return;
                }
                try {
                    result.complete(work.get());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new StorageUnavailableException("The database is shutting down", e);
        }
        return DatabaseAnswers.await(result);
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
