package io.baton.services;

import io.baton.domain.schedule.SchedulerSettings;
import java.time.Duration;
import java.util.Map;

/**
 * The periodic services' settings under Prefect's names ({@code PREFECT_SERVER_SERVICES_<SERVICE>_<FIELD>},
 * legacy {@code PREFECT_API_SERVICES_...} accepted), with Prefect's defaults.
 */
public record ServiceSettings(
        boolean schedulerEnabled, Duration schedulerLoop, Duration recentDeploymentsLoop, int deploymentBatchSize,
        int insertBatchSize, SchedulerSettings scheduler,
        boolean lateRunsEnabled, Duration lateRunsLoop, Duration lateRunsAfter,
        boolean foremanEnabled, Duration foremanLoop, Duration deploymentLastPolledTimeout,
        Duration workQueueLastPolledTimeout) {

    public static ServiceSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static ServiceSettings from(Map<String, String> env) {
        return new ServiceSettings(
                bool(env, "SCHEDULER_ENABLED", true),
                seconds(env, "SCHEDULER_LOOP_SECONDS", 60),
                seconds(env, "SCHEDULER_RECENT_DEPLOYMENTS_LOOP_SECONDS", 5),
                (int) number(env, "SCHEDULER_DEPLOYMENT_BATCH_SIZE", 100),
                (int) number(env, "SCHEDULER_INSERT_BATCH_SIZE", 500),
                new SchedulerSettings((int) number(env, "SCHEDULER_MIN_RUNS", 3),
                        (int) number(env, "SCHEDULER_MAX_RUNS", 100),
                        seconds(env, "SCHEDULER_MIN_SCHEDULED_TIME", 3600),
                        seconds(env, "SCHEDULER_MAX_SCHEDULED_TIME", 100 * 86400)),
                bool(env, "LATE_RUNS_ENABLED", true),
                seconds(env, "LATE_RUNS_LOOP_SECONDS", 5),
                seconds(env, "LATE_RUNS_AFTER_SECONDS", 15),
                bool(env, "FOREMAN_ENABLED", true),
                seconds(env, "FOREMAN_LOOP_SECONDS", 15),
                seconds(env, "FOREMAN_DEPLOYMENT_LAST_POLLED_TIMEOUT_SECONDS", 60),
                seconds(env, "FOREMAN_WORK_QUEUE_LAST_POLLED_TIMEOUT_SECONDS", 60));
    }

    private static String value(Map<String, String> env, String field) {
        String v = env.get("PREFECT_SERVER_SERVICES_" + field);
        return v != null ? v.trim() : env.get("PREFECT_API_SERVICES_" + field);
    }

    private static boolean bool(Map<String, String> env, String field, boolean fallback) {
        String v = value(env, field);
        return v == null ? fallback : switch (v.trim().toLowerCase()) {
            case "1", "true", "yes", "on", "t", "y" -> true;
            default -> false;
        };
    }

    private static double number(Map<String, String> env, String field, double fallback) {
        String v = value(env, field);
        return v == null || v.isBlank() ? fallback : Double.parseDouble(v.trim());
    }

    /** Seconds as a number; Prefect's timedelta settings also accept plain seconds. */
    private static Duration seconds(Map<String, String> env, String field, double fallback) {
        return Duration.ofMillis((long) (number(env, field, fallback) * 1000));
    }
}
