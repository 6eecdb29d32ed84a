package io.baton.logs;

import java.util.Map;

/**
 * Prefect's log streaming switches, both off by default: {@code PREFECT_SERVER_LOGS_STREAM_PUBLISHING_ENABLED}
 * (new logs are handed to the log stream) and {@code PREFECT_SERVER_LOGS_STREAM_OUT_ENABLED} ({@code /logs/out}
 * subscribers receive them).
 */
public record LogStreamSettings(boolean publishingEnabled, boolean streamOutEnabled) {

    public static final LogStreamSettings OFF = new LogStreamSettings(false, false);

    /** The process environment; a JVM system property of the same name takes precedence. */
    public static LogStreamSettings fromEnvironment() {
        Map<String, String> merged = new java.util.HashMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> merged.put(String.valueOf(k), String.valueOf(v)));
        return from(merged);
    }

    public static LogStreamSettings from(Map<String, String> env) {
        return new LogStreamSettings(flag(env, "PREFECT_SERVER_LOGS_STREAM_PUBLISHING_ENABLED"),
                flag(env, "PREFECT_SERVER_LOGS_STREAM_OUT_ENABLED"));
    }

    public boolean delivers() {
        return publishingEnabled && streamOutEnabled;
    }

    private static boolean flag(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && switch (v.trim().toLowerCase()) {
            case "1", "true", "yes", "on", "t", "y" -> true;
            default -> false;
        };
    }
}
