package io.baton.storage;

import io.baton.domain.automation.PendingAction;
import io.baton.domain.automation.trigger.Bucket;
import io.baton.domain.automation.trigger.Firing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The trigger engine's durable state: buckets, composite child firings and pending actions. Counting happens
 * in {@link #transact} under locks that serialise replicas working on the same bucket, so a firing and the
 * actions it queues commit together or not at all.
 */
public interface AutomationStateStore {

    <T> T transact(Function<Tx, T> work);

    /** Runs {@code work} only if no other replica runs it at the same time; false when skipped. */
    boolean transactAlone(String lockName, Consumer<Tx> work);

    /** Claims up to {@code limit} actions nobody holds, for {@code lease}; a crash frees them when it ends. */
    List<PendingAction> claimActions(int limit, Duration lease);

    void completeAction(UUID id);

    /** Something that changes whenever any automation is created, changed or deleted, on any replica. */
    String automationsMarker();

    /** The lock serialising work on one bucket. */
    static String bucketLock(UUID automationId, UUID triggerId, String keyJson) {
        return "automation_bucket " + automationId + " " + triggerId + " " + keyJson;
    }

    /** The lock serialising work on one composite trigger's child firings. */
    static String compositeLock(UUID automationId, UUID parentTriggerId) {
        return "composite_trigger " + automationId + " " + parentTriggerId;
    }

    interface Tx {

        /**
         * Takes the named locks now, in the order given (callers sort them, so that transactions taking several
         * never wait on each other in a cycle); later calls taking one of them again do not wait.
         */
        void lockInOrder(List<String> names);

        /** The bucket, locked until the transaction ends (also when absent, so that two creators serialise). */
        Optional<Bucket> lockBucket(UUID automationId, UUID triggerId, List<String> key);

        /** Saves the bucket, or deletes it when {@code bucket} is null. */
        void saveBucket(UUID automationId, UUID triggerId, List<String> key, Bucket bucket);

        /** The trigger's buckets whose window ended by {@code now} (not locked: lock each with lockBucket). */
        List<Bucket> closedBuckets(UUID automationId, UUID triggerId, Instant now);

        /** Inserts the bucket unless one exists for the key. */
        void ensureBucket(UUID automationId, UUID triggerId, Bucket bucket);

        /** The composite trigger's child firings (by child trigger id), locked. */
        Map<UUID, Firing> lockChildFirings(UUID automationId, UUID parentTriggerId);

        void replaceChildFirings(UUID automationId, UUID parentTriggerId, Map<UUID, Firing> firings);

        void enqueue(List<PendingAction> actions);
    }
}
