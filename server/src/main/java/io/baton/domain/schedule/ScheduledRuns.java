package io.baton.domain.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds the runs a scheduler pass inserts for one deployment schedule. */
public final class ScheduledRuns {

    private ScheduledRuns() {
    }

    /**
     * The runs for {@link RunGenerationPolicy#runTimes} of one schedule.
     *
     * @param scheduleSlug         the schedule's slug, or {@code null}
     * @param scheduleParameters   the schedule's parameter overrides ({@code null} = none)
     * @param deploymentParameters the deployment's parameters ({@code null} = none)
     */
    public static List<ScheduledRun> plan(UUID deploymentId, List<String> deploymentTags, JsonNode deploymentParameters,
            UUID scheduleId, String scheduleSlug, Schedule schedule, JsonNode scheduleParameters, Instant now,
            SchedulerSettings settings) {
        List<String> tags = tags(deploymentTags);
        ObjectNode parameters = parameters(deploymentParameters, scheduleParameters);
        ObjectNode createdBy = createdBy(scheduleId, scheduleSlug, schedule);
        List<ScheduledRun> runs = new ArrayList<>();
        for (ZonedDateTime date : RunGenerationPolicy.runTimes(schedule, now, settings)) {
            runs.add(new ScheduledRun(date.toInstant(), idempotencyKey(deploymentId, scheduleId, date), tags,
                    parameters.deepCopy(), createdBy.deepCopy()));
        }
        return runs;
    }

    /**
     * {@code scheduled <deployment id> <schedule id> <date>}, the date as Python's {@code str()} of
     * the schedule-local datetime, e.g. {@code 2026-11-21 06:09:27.239278+00:00}.
     */
    public static String idempotencyKey(UUID deploymentId, UUID scheduleId, ZonedDateTime scheduleLocalDate) {
        return "scheduled " + deploymentId + " " + scheduleId + " " + PythonDateTimes.str(scheduleLocalDate);
    }

    public static List<String> tags(List<String> deploymentTags) {
        List<String> tags = new ArrayList<>();
        tags.add(ScheduledRun.AUTO_SCHEDULED_TAG);
        if (deploymentTags != null) {
            tags.addAll(deploymentTags);
        }
        return tags;
    }

    /** A shallow overlay: a schedule parameter replaces the deployment's value of the same name. */
    public static ObjectNode parameters(JsonNode deploymentParameters, JsonNode scheduleParameters) {
        ObjectNode merged = ScheduleJson.NODES.objectNode();
        if (deploymentParameters instanceof ObjectNode deployment) {
            merged.setAll(deployment.deepCopy());
        }
        if (scheduleParameters instanceof ObjectNode overrides) {
            merged.setAll(overrides.deepCopy());
        }
        return merged;
    }

    /** {@code display_value} is the schedule's slug when it has one, else its type name. */
    public static ObjectNode createdBy(UUID scheduleId, String scheduleSlug, Schedule schedule) {
        ObjectNode createdBy = ScheduleJson.NODES.objectNode();
        createdBy.put("id", scheduleId.toString());
        createdBy.put("type", "SCHEDULE");
        createdBy.put("display_value", scheduleSlug != null ? scheduleSlug : schedule.typeName());
        return createdBy;
    }
}
