package io.baton.domain.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Shared JSON reading for the schedule documents, with Pydantic-shaped violations. */
final class ScheduleJson {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ScheduleJson() {
    }

    static ScheduleParseResult<Schedule> parseUnion(JsonNode document, Instant now) {
        ScheduleParseResult<IntervalSchedule> interval = IntervalSchedule.fromJson(document, now);
        ScheduleParseResult<CronSchedule> cron = CronSchedule.fromJson(document);
        ScheduleParseResult<RRuleSchedule> rrule = RRuleSchedule.fromJson(document);
        // extra keys are forbidden on every member, so at most one member can accept a document
        if (interval instanceof ScheduleParseResult.Valid<IntervalSchedule>(IntervalSchedule schedule)) {
            return ScheduleParseResult.valid(schedule);
        }
        if (cron instanceof ScheduleParseResult.Valid<CronSchedule>(CronSchedule schedule)) {
            return ScheduleParseResult.valid(schedule);
        }
        if (rrule instanceof ScheduleParseResult.Valid<RRuleSchedule>(RRuleSchedule schedule)) {
            return ScheduleParseResult.valid(schedule);
        }
        List<ScheduleViolation> all = new ArrayList<>();
        interval.violations().forEach(v -> all.add(v.under("IntervalSchedule")));
        cron.violations().forEach(v -> all.add(v.under("CronSchedule")));
        rrule.violations().forEach(v -> all.add(v.under("RRuleSchedule")));
        return ScheduleParseResult.invalid(all);
    }

    /** The document as an object, or a {@code model_type} violation. */
    static ObjectNode requireObject(JsonNode document, String modelName, List<ScheduleViolation> violations) {
        if (document instanceof ObjectNode object) {
            return object;
        }
        violations.add(new ScheduleViolation(List.of(), "model_type",
                "Input should be a valid dictionary or instance of " + modelName, document));
        return null;
    }

    static void rejectExtraKeys(ObjectNode object, Set<String> allowed, List<ScheduleViolation> violations) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                violations.add(ScheduleViolation.extraForbidden(name, object.get(name)));
            }
        }
    }

    /** An optional string field: {@code null} when absent, null (if allowed) or of the wrong type. */
    static String optionalString(ObjectNode object, String field, boolean nullable, List<ScheduleViolation> violations) {
        JsonNode value = object.get(field);
        if (value == null || (nullable && value.isNull())) {
            return null;
        }
        if (!value.isTextual()) {
            violations.add(new ScheduleViolation(List.of(field), "string_type", "Input should be a valid string", value));
            return null;
        }
        return value.textValue();
    }

    static String requiredString(ObjectNode object, String field, List<ScheduleViolation> violations) {
        if (!object.has(field)) {
            violations.add(ScheduleViolation.missing(field, object));
            return null;
        }
        return optionalString(object, field, false, violations);
    }

    static JsonNode textOrNull(String value) {
        return value == null ? NODES.nullNode() : NODES.textNode(value);
    }
}
