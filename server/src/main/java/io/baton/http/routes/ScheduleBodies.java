package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Change;
import io.baton.domain.deployment.ScheduleChanges;
import io.baton.domain.deployment.ScheduleSpec;
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
        Change<Schedule> schedule = null;
        if (body.hasNonNull("schedule")) {
            schedule = new Change<>(parse(body.get("schedule"), List.of("body", "schedule"), now, errors));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors, body);
        }
        return new ScheduleChanges(schedule, Change.bool(body, "active"), Change.integer(body, "max_scheduled_runs"),
                Change.json(body, "parameters"), Change.text(body, "slug"));
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
