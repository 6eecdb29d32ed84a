package io.baton.tasks;

import io.baton.domain.Times;
import io.baton.storage.TaskDeliveryClaimStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which deferred task runs this server may send to one of its task workers. In memory: runs in flight here and
 * runs recently acknowledged here are never sent twice. With replicas ({@link #shared}), a claim in the database
 * decides between replicas as well, so a run queued on every replica reaches exactly one worker; a claim whose
 * replica died before the acknowledgement expires after {@link #DELIVERY_LEASE} and the run is delivered again.
 */
public final class DeliveryClaims {

    private static final Logger log = LoggerFactory.getLogger(DeliveryClaims.class);
    static final int REMEMBERED_DELIVERIES = 10_000;
    /** How long an unacknowledged delivery blocks other replicas (a worker acknowledges on receipt). */
    static final Duration DELIVERY_LEASE = Duration.ofMinutes(2);
    /** How long an acknowledged delivery is remembered across replicas (the worker moves the run on at once). */
    static final Duration DELIVERED_KEPT = Duration.ofHours(1);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(5);

    private final TaskDeliveryClaimStore store;
    private final String owner;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Boolean> delivered = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > REMEMBERED_DELIVERIES;
        }
    });
    private volatile Instant nextPurge = Instant.MIN;

    private DeliveryClaims(TaskDeliveryClaimStore store, String owner) {
        this.store = store;
        this.owner = owner;
    }

    /** One server alone on its database (SQLite): memory decides. */
    public static DeliveryClaims local() {
        return new DeliveryClaims(null, null);
    }

    /** Replicas on one database: memory first, then the shared claim. */
    public static DeliveryClaims shared(TaskDeliveryClaimStore store, String owner) {
        return new DeliveryClaims(store, owner);
    }

    /** Whether the run is in flight or was delivered as far as this server knows (catch-up skips it). */
    public boolean known(UUID taskRunId) {
        return inFlight.contains(taskRunId) || delivered.containsKey(taskRunId);
    }

    /** Takes the run for one delivery from this server; false when it is someone else's or already delivered. */
    public boolean claim(UUID taskRunId) {
        if (delivered.containsKey(taskRunId) || !inFlight.add(taskRunId)) {
            return false;
        }
        if (store == null) {
            return true;
        }
        try {
            Instant now = Times.now();
            purgeNowAndThen(now);
            if (store.claim(taskRunId, owner, now, now.plus(DELIVERY_LEASE))) {
                return true;
            }
        } catch (RuntimeException e) {
            inFlight.remove(taskRunId);
            throw e;
        }
        inFlight.remove(taskRunId);
        return false;
    }

    /** The worker acknowledged the run. */
    public void acknowledged(UUID taskRunId) {
        delivered.put(taskRunId, Boolean.TRUE);
        inFlight.remove(taskRunId);
        if (store != null) {
            store.acknowledge(taskRunId, owner, Times.now().plus(DELIVERED_KEPT));
        }
    }

    /** The run was not delivered (gone from SCHEDULED, or the worker left before acknowledging). */
    public void released(UUID taskRunId) {
        inFlight.remove(taskRunId);
        if (store != null) {
            try {
                store.release(taskRunId, owner);
            } catch (RuntimeException e) {
                // The claim expires on its own; the run is delivered again after DELIVERY_LEASE.
                log.warn("Could not release the delivery claim on task run {}: {}", taskRunId, e.getMessage());
            }
        }
    }

    private void purgeNowAndThen(Instant now) {
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        store.purge(now.minus(DELIVERY_LEASE));
    }
}
