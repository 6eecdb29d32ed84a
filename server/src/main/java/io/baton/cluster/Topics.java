package io.baton.cluster;

/** The topics replicas exchange. */
public final class Topics {

    /** Events committed by one replica, for the other replicas' {@code /events/out} subscribers. */
    public static final String EVENTS = "events";
    /** Logs written through one replica, for the other replicas' {@code /logs/out} subscribers. */
    public static final String LOGS = "logs";
    /** Deferred task runs queued by one replica, so every replica's task workers can race for them. */
    public static final String TASK_RUNS = "task-runs";
    /** Task workers connecting to and leaving one replica, for {@code /task_workers/filter} on every replica. */
    public static final String TASK_WORKERS = "task-workers";
    /** Names of in-memory caches that one replica changed the rows of. */
    public static final String CACHES = "caches";

    private Topics() {}
}
