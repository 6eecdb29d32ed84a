package io.baton.domain.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One reason a schedule document was rejected, shaped like an entry of Prefect's 422
 * {@code exception_detail}: {@code loc} is relative to the schedule object (the HTTP layer prefixes
 * e.g. {@code ["body", "schedules", 0, "schedule"]}), {@code type} and {@code msg} follow Pydantic.
 *
 * @param loc   path of the offending field: strings for keys, integers for list indexes
 * @param type  Pydantic error type, e.g. {@code value_error}, {@code missing}, {@code extra_forbidden}
 * @param msg   the human readable message as Prefect renders it
 * @param input the offending input value ({@code null} when there is none to echo)
 */
public record ScheduleViolation(List<Object> loc, String type, String msg, JsonNode input) {

    public ScheduleViolation {
        loc = List.copyOf(loc);
    }

    static ScheduleViolation valueError(List<Object> loc, String message, JsonNode input) {
        return new ScheduleViolation(loc, "value_error", "Value error, " + message, input);
    }

    static ScheduleViolation missing(String field, JsonNode input) {
        return new ScheduleViolation(List.of(field), "missing", "Field required", input);
    }

    static ScheduleViolation extraForbidden(String field, JsonNode input) {
        return new ScheduleViolation(List.of(field), "extra_forbidden", "Extra inputs are not permitted", input);
    }

    /** The same violation seen from one level up, e.g. under the union member name. */
    public ScheduleViolation under(Object parent) {
        List<Object> prefixed = new ArrayList<>(loc.size() + 1);
        prefixed.add(parent);
        prefixed.addAll(loc);
        return new ScheduleViolation(prefixed, type, msg, input);
    }

    /** The message without Pydantic's {@code "Value error, "} prefix. */
    public String reason() {
        return msg.startsWith("Value error, ") ? msg.substring("Value error, ".length()) : msg;
    }
}
