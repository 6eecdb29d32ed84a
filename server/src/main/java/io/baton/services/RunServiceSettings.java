package io.baton.services;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the run services under Prefect's names ({@code PREFECT_SERVER_SERVICES_CANCELLATION_CLEANUP_*},
 * {@code PREFECT_SERVER_SERVICES_PAUSE_EXPIRATIONS_*}, legacy {@code PREFECT_API_SERVICES_...} accepted), with
 * Prefect's defaults.
 */
public record RunServiceSettings(boolean cancellationCleanupEnabled, Duration cancellationCleanupLoop,
                                 Duration cancellingTimeout, boolean pauseExpirationsEnabled,
                                 Duration pauseExpirationsLoop) {

    public static final RunServiceSettings DEFAULTS = from(Map.of());

    public static RunServiceSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static RunServiceSettings from(Map<String, String> env) {
        return new RunServiceSettings(
                bool(env, "CANCELLATION_CLEANUP_ENABLED", true),
                seconds(env, "CANCELLATION_CLEANUP_LOOP_SECONDS", 20),
                seconds(env, "CANCELLATION_CLEANUP_CANCELLING_TIMEOUT_SECONDS", 300),
                bool(env, "PAUSE_EXPIRATIONS_ENABLED", true),
                seconds(env, "PAUSE_EXPIRATIONS_LOOP_SECONDS", 5));
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

    private static Duration seconds(Map<String, String> env, String field, double fallback) {
        String v = value(env, field);
        double s = v == null || v.isBlank() ? fallback : Double.parseDouble(v.trim());
        return Duration.ofMillis((long) (s * 1000));
    }
}
