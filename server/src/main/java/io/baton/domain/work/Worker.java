package io.baton.domain.work;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A worker of a pool as the API returns it; {@code status} is derived from the heartbeat age on every read. */
public record Worker(UUID id, Instant created, Instant updated, String name, UUID workPoolId, Instant lastHeartbeatTime,
        Integer heartbeatIntervalSeconds, String status) {

    /** Prefect's fallback when a worker did not say how often it heartbeats. */
    public static final int FALLBACK_HEARTBEAT_INTERVAL_SECONDS = 30;
    /** A worker is online while its last heartbeat is younger than this many intervals. */
    public static final int INACTIVITY_HEARTBEAT_MULTIPLE = 3;

    public static Duration onlineWindow(Integer heartbeatIntervalSeconds) {
        int interval = heartbeatIntervalSeconds == null ? FALLBACK_HEARTBEAT_INTERVAL_SECONDS : heartbeatIntervalSeconds;
        return Duration.ofSeconds((long) interval * INACTIVITY_HEARTBEAT_MULTIPLE);
    }

    public static String status(Instant lastHeartbeat, Integer heartbeatIntervalSeconds, Instant now) {
        return lastHeartbeat != null && lastHeartbeat.isAfter(now.minus(onlineWindow(heartbeatIntervalSeconds)))
                ? "ONLINE" : "OFFLINE";
    }
}
