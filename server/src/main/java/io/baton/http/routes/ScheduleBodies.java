package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Change;
import io.baton.domain.deployment.ScheduleChanges;
import io.baton.domain.deployment.ScheduleSpec;
import io.baton.domain.deployment.ScheduleUpdate;
import io.baton.domain.schedule.Schedule;
import io.baton.domain.schedule.ScheduleParseResult;
import io.baton.domain.schedule.ScheduleViolation;
import io.baton.http.ApiException;
import io.baton.http.validation.ValidationError;
import io.baton.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads schedule objects of request bodies through the schedule domain, which applies the checks the
 * contract cannot express (cron syntax, time zones, rrule limits); violations become 422s located under
 * {@code ["body", ...]} the way Pydantic reports them.
 */
final class ScheduleBodies {

    private ScheduleBodies() {}

    /** Each {@code DeploymentScheduleCreate} of {@code list}, located at {@code prefix + [i]}. */
    static List<ScheduleSpec> specs(JsonNode list, List<Object> prefix, JsonNode requestBody, Instant now) {
        List<ScheduleSpec> specs = new ArrayList<>();
        List<ValidationError> errors = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            List<Object> loc = new ArrayList<>(prefix);
            loc.add(i);
            loc.add("schedule");
            Schedule schedule = parse(item.get("schedule"), loc, now, errors);
            if (schedule != null) {
                specs.add(new ScheduleSpec(schedule, item.path("active").asBoolean(true),
                        item.hasNonNull("max_scheduled_runs") ? item.get("max_scheduled_runs").asInt() : null,
                        item.hasNonNull("parameters") ? item.get("parameters") : Json.object(),
                        item.hasNonNull("slug") ? item.get("slug").asText() : null));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors, requestBody);
        }
        return specs;
    }

    static ScheduleChanges changes(JsonNode body, Instant now) {
        List<ValidationError> errors = new ArrayList<>();
        ScheduleChanges changes = changes(body, List.of("body"), now, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors, body);
        }
        return changes;
    }

    /** Each {@code DeploymentScheduleUpdate} of {@code list} (a deployment PATCH), located at {@code prefix + [i]}. */
    static List<ScheduleUpdate> updates(JsonNode list, List<Object> prefix, JsonNode requestBody, Instant now) {
        List<ScheduleUpdate> updates = new ArrayList<>();
        List<ValidationError> errors = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            List<Object> loc = new ArrayList<>(prefix);
            loc.add(i);
            updates.add(new ScheduleUpdate(changes(item, loc, now, errors),
                    item.hasNonNull("replaces") ? item.get("replaces").asText() : null));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors, requestBody);
        }
        return updates;
    }

    private static ScheduleChanges changes(JsonNode item, List<Object> loc, Instant now, List<ValidationError> errors) {
        Change<Schedule> schedule = null;
        if (item.hasNonNull("schedule")) {
            List<Object> at = new ArrayList<>(loc);
            at.add("schedule");
            schedule = new Change<>(parse(item.get("schedule"), at, now, errors));
        }
        return new ScheduleChanges(schedule, Change.bool(item, "active"), Change.integer(item, "max_scheduled_runs"),
                Change.json(item, "parameters"), Change.text(item, "slug"));
    }

    private static Schedule parse(JsonNode document, List<Object> loc, Instant now, List<ValidationError> errors) {
        ScheduleParseResult<Schedule> parsed = Schedule.fromJson(document, now);
        if (parsed instanceof ScheduleParseResult.Valid<Schedule>(Schedule schedule)) {
            return schedule;
        }
        for (ScheduleViolation v : parsed.violations()) {
            List<Object> at = new ArrayList<>(loc);
            at.addAll(v.loc());
            JsonNode ctx = v.type().equals("value_error") ? Json.object().put("error", v.reason()) : null;
            errors.add(new ValidationError(v.type(), at, v.msg(), v.input() == null ? Json.NODES.nullNode() : v.input(), ctx));
        }
        return null;
    }
}
