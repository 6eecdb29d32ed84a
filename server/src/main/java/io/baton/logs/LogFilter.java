package io.baton.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Prefect's {@code LogFilter}: level bounds, timestamp window, flow run and task run ids, text search,
 * AND-ed unless {@code operator} is {@code or_}. Absent or null criteria do not constrain; an empty
 * {@code any_} list matches nothing. The storage layer compiles it to SQL; {@link #matches} serves
 * live log streams.
 */
public record LogFilter(boolean or, Integer levelGe, Integer levelLe, Instant before, Instant after,
                        List<UUID> flowRunIds, List<UUID> taskRunIds, Boolean taskRunIsNull, TextSearch text) {

    public static final LogFilter ALL = new LogFilter(false, null, null, null, null, null, null, null, null);

    public static LogFilter parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return ALL;
        }
        JsonNode level = node.path("level");
        JsonNode timestamp = node.path("timestamp");
        JsonNode text = node.path("text").path("query");
        return new LogFilter(
                "or_".equals(node.path("operator").asText("and_")),
                integer(level.path("ge_")),
                integer(level.path("le_")),
                instant(timestamp.path("before_")),
                instant(timestamp.path("after_")),
                uuids(node.path("flow_run_id").path("any_")),
                uuids(node.path("task_run_id").path("any_")),
                node.path("task_run_id").path("is_null_").isBoolean()
                        ? node.path("task_run_id").path("is_null_").asBoolean() : null,
                text.isTextual() ? TextSearch.parse(text.asText()) : null);
    }

    /** True when no criterion is set (every log matches). */
    public boolean isEmpty() {
        return levelGe == null && levelLe == null && before == null && after == null && flowRunIds == null
                && taskRunIds == null && taskRunIsNull == null && (text == null || text.isEmpty());
    }

    public boolean matches(LogRecord log) {
        List<Boolean> results = new ArrayList<>();
        if (levelGe != null) {
            results.add(log.level() >= levelGe);
        }
        if (levelLe != null) {
            results.add(log.level() <= levelLe);
        }
        if (before != null) {
            results.add(!log.timestamp().isAfter(before));
        }
        if (after != null) {
            results.add(!log.timestamp().isBefore(after));
        }
        if (flowRunIds != null) {
            results.add(log.flowRunId() != null && flowRunIds.contains(log.flowRunId()));
        }
        if (taskRunIds != null) {
            results.add(log.taskRunId() != null && taskRunIds.contains(log.taskRunId()));
        }
        if (taskRunIsNull != null) {
            results.add(taskRunIsNull == (log.taskRunId() == null));
        }
        if (text != null && !text.isEmpty()) {
            results.add(text.matches(log.message() + " " + log.name()));
        }
        if (results.isEmpty()) {
            return true;
        }
        return or ? results.contains(true) : !results.contains(false);
    }

    private static Integer integer(JsonNode n) {
        return n.isNumber() ? n.asInt() : null;
    }

    private static Instant instant(JsonNode n) {
        return n.isTextual() ? Times.parse(n.asText()) : null;
    }

    private static List<UUID> uuids(JsonNode n) {
        if (!n.isArray()) {
            return null;
        }
        List<UUID> out = new ArrayList<>();
        n.forEach(v -> out.add(UUID.fromString(v.asText())));
        return List.copyOf(out);
    }
}
