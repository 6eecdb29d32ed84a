package io.baton.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code db_vacuum} service's settings under Prefect's names, with Prefect's defaults:
 * <ul>
 *   <li>{@code PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED}: which vacuums run, {@code events} and/or
 *       {@code flow_runs}, comma-separated or a JSON list (default {@code events}); {@code true} means both,
 *       {@code false} events only (the flow-run vacuum permanently deletes runs, so it is opt-in)</li>
 *   <li>{@code PREFECT_SERVER_EVENTS_RETENTION_PERIOD}: how long events are kept (7 days)</li>
 *   <li>{@code PREFECT_SERVER_SERVICES_DB_VACUUM_EVENT_RETENTION_OVERRIDES}: a JSON object of event type to
 *       retention (seconds or ISO 8601), each capped by the events' retention
 *       (default {@code {"prefect.flow-run.heartbeat": 7 days}})</li>
 *   <li>{@code PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD}: how long after its end a terminal top-level
 *       flow run is kept (90 days)</li>
 *   <li>{@code PREFECT_SERVER_SERVICES_DB_VACUUM_LOOP_SECONDS} (3600) and {@code ..._BATCH_SIZE} (200 flow runs
 *       per transaction); Baton adds {@code ..._EVENTS_BATCH_SIZE} (5000 events per transaction)</li>
 * </ul>
 */
public record DbVacuumSettings(boolean eventsEnabled, boolean flowRunsEnabled, Duration loop,
                               Duration eventsRetention, Map<String, Duration> eventRetentionOverrides,
                               Duration flowRunRetention, int batchSize, int eventsBatchSize) {

    public static final Duration DEFAULT_EVENTS_RETENTION = Duration.ofDays(7);
    private static final ObjectMapper JSON = new ObjectMapper();

    public DbVacuumSettings {
        eventRetentionOverrides = Map.copyOf(eventRetentionOverrides);
        if (batchSize <= 0 || eventsBatchSize <= 0 || loop.isZero() || loop.isNegative()) {
            throw new IllegalArgumentException("db_vacuum batch sizes and loop_seconds must be positive");
        }
    }

    public static DbVacuumSettings defaults() {
        return from(Map.of());
    }

    public static DbVacuumSettings from(Map<String, String> env) {
        Set<String> enabled = enabledSet(value(env, "ENABLED"));
        String overrides = value(env, "EVENT_RETENTION_OVERRIDES");
        return new DbVacuumSettings(
                enabled.contains("events"),
                enabled.contains("flow_runs"),
                duration(value(env, "LOOP_SECONDS"), Duration.ofHours(1)),
                duration(first(env, "PREFECT_SERVER_EVENTS_RETENTION_PERIOD", "PREFECT_EVENTS_RETENTION_PERIOD"),
                        DEFAULT_EVENTS_RETENTION),
                overrides == null ? Map.of("prefect.flow-run.heartbeat", Duration.ofDays(7)) : overrides(overrides),
                duration(value(env, "RETENTION_PERIOD"), Duration.ofDays(90)),
                integer(value(env, "BATCH_SIZE"), 200),
                integer(value(env, "EVENTS_BATCH_SIZE"), 5_000));
    }

    /** The retention of events of {@code type}: its override capped by the events' retention. */
    public Duration retentionOf(String type) {
        Duration override = eventRetentionOverrides.get(type);
        return override == null || override.compareTo(eventsRetention) > 0 ? eventsRetention : override;
    }

    public DbVacuumSettings withFlowRuns(boolean enabled, Duration retention) {
        return new DbVacuumSettings(eventsEnabled, enabled, loop, eventsRetention, eventRetentionOverrides,
                retention, batchSize, eventsBatchSize);
    }

    public DbVacuumSettings withEvents(Duration retention, Map<String, Duration> overrides) {
        return new DbVacuumSettings(true, flowRunsEnabled, loop, retention, overrides, flowRunRetention, batchSize,
                eventsBatchSize);
    }

    public DbVacuumSettings withBatchSizes(int flowRuns, int events) {
        return new DbVacuumSettings(eventsEnabled, flowRunsEnabled, loop, eventsRetention, eventRetentionOverrides,
                flowRunRetention, flowRuns, events);
    }

    static Set<String> enabledSet(String v) {
        if (v == null || v.isBlank()) {
            return Set.of("events");
        }
        String s = v.trim();
        switch (s.toLowerCase()) {
            case "true", "1", "yes", "on" -> {
                return Set.of("events", "flow_runs");
            }
            case "false", "0", "no", "off" -> {
                return Set.of("events");
            }
            default -> { }
        }
        Set<String> out = new LinkedHashSet<>();
        if (s.startsWith("[")) {
            try {
                JSON.readTree(s).forEach(n -> out.add(n.asText().trim().toLowerCase()));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED is not a JSON list: " + v);
            }
        } else {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim().toLowerCase());
                }
            }
        }
        for (String name : out) {
            if (!name.equals("events") && !name.equals("flow_runs")) {
                throw new IllegalArgumentException("Unknown db_vacuum target '" + name + "' (events, flow_runs)");
            }
        }
        return out;
    }

    static Map<String, Duration> overrides(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (java.io.IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(
                    "PREFECT_SERVER_SERVICES_DB_VACUUM_EVENT_RETENTION_OVERRIDES must be a JSON object: " + json);
        }
        Map<String, Duration> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), duration(e.getValue().asText(), null)));
        return out;
    }

    /** Seconds ("3600", "86400.5") or ISO 8601 ("P7D", "PT1H"), as Prefect's timedelta settings accept. */
    static Duration duration(String v, Duration fallback) {
        if (v == null || v.isBlank()) {
            return fallback;
        }
        String s = v.trim();
        if (s.startsWith("P") || s.startsWith("p") || s.startsWith("-P")) {
            return Duration.parse(s.toUpperCase());
        }
        return Duration.ofMillis((long) (Double.parseDouble(s) * 1000));
    }

    private static int integer(String v, int fallback) {
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    private static String value(Map<String, String> env, String field) {
        return first(env, "PREFECT_SERVER_SERVICES_DB_VACUUM_" + field, "PREFECT_API_SERVICES_DB_VACUUM_" + field);
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String v = env.get(name);
            if (v != null) {
                return v.trim();
            }
        }
        return null;
    }
}
