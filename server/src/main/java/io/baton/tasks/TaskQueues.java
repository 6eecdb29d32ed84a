package io.baton.tasks;

import io.baton.storage.RunEffectSinks;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-memory queues of deferred task run ids, per task key: a scheduled queue and a retry queue (served first).
 * This is only the fast path: the database stays the record of what is SCHEDULED, and task workers catch up from
 * it, so an id dropped from a full queue or lost on restart is still delivered.
 */
public final class TaskQueues implements RunEffectSinks.DeferredTaskQueue {

    private static final Logger log = LoggerFactory.getLogger(TaskQueues.class);
    static final int MAX_SCHEDULED = 1_000;
    static final int MAX_RETRY = 100;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Map<String, ArrayDeque<UUID>> scheduled = new HashMap<>();
    private final Map<String, ArrayDeque<UUID>> retry = new HashMap<>();
    /** Where runs queued here are announced to the other replicas (nowhere when alone). */
    private volatile RunEffectSinks.DeferredTaskQueue elsewhere = RunEffectSinks.DeferredTaskQueue.NONE;

    /** Announces every run queued here to {@code others} too (the other replicas' queues). */
    public void announceTo(RunEffectSinks.DeferredTaskQueue others) {
        this.elsewhere = others == null ? RunEffectSinks.DeferredTaskQueue.NONE : others;
    }

    @Override
    public void enqueue(UUID taskRunId, String taskKey, boolean retrying) {
        enqueueHere(taskRunId, taskKey, retrying);
        if (taskKey != null) {
            elsewhere.enqueue(taskRunId, taskKey, retrying);
        }
    }

    /** Queues a run announced by another replica (not announced again). */
    public void enqueueHere(UUID taskRunId, String taskKey, boolean retrying) {
        if (taskKey == null) {
            return;
        }
        lock.lock();
        try {
            ArrayDeque<UUID> queue = (retrying ? retry : scheduled).computeIfAbsent(taskKey, k -> new ArrayDeque<>());
            if (queue.size() >= (retrying ? MAX_RETRY : MAX_SCHEDULED)) {
                log.debug("Task queue for {} is full; task run {} waits in the database", taskKey, taskRunId);
                return;
            }
            if (!queue.contains(taskRunId)) {
                queue.addLast(taskRunId);
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Hands a run back after a failed delivery; it goes out again before new ones. */
    public void retry(UUID taskRunId, String taskKey) {
        enqueue(taskRunId, taskKey, true);
    }

    /**
     * The next queued id for any of {@code keys}, retries first; waits up to {@code timeout} for one.
     *
     * @return null when none arrived in time
     */
    public UUID take(Collection<String> keys, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (true) {
                UUID next = poll(retry, keys);
                if (next == null) {
                    next = poll(scheduled, keys);
                }
                if (next != null || nanos <= 0) {
                    return next;
                }
                nanos = arrived.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    private static UUID poll(Map<String, ArrayDeque<UUID>> queues, Collection<String> keys) {
        for (String key : keys) {
            ArrayDeque<UUID> queue = queues.get(key);
            if (queue != null && !queue.isEmpty()) {
                UUID id = queue.pollFirst();
                if (queue.isEmpty()) {
                    queues.remove(key);
                }
                return id;
            }
        }
        return null;
    }
}
