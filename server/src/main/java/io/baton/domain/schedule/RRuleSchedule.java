package io.baton.domain.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An RFC 5545 recurrence (rrule or rrule set) with python-dateutil's semantics as Prefect applies
 * them: every date in the text is read as a wall time in {@link #timezone} (a {@code Z} or
 * {@code TZID} is re-labelled, not converted), a missing DTSTART means 2020-01-01 00:00, COUNT counts
 * from DTSTART, UNTIL is inclusive. Wall times become instants with dateutil's zone rules.
 *
 * @param rrule    the text exactly as given
 * @param timezone IANA zone name; {@code null} only when the document explicitly says so (then UTC)
 */
public record RRuleSchedule(String rrule, String timezone) implements Schedule {

    /** Roughly a year of RDATEs plus some room. */
    public static final int MAX_RRULE_LENGTH = 6500;
    /** Where dateutil anchors a rule whose text has no DTSTART. */
    static final LocalDateTime DEFAULT_DTSTART = LocalDateTime.of(2020, 1, 1, 0, 0);

    private static final Set<String> FIELDS = Set.of("rrule", "timezone");

    public RRuleSchedule {
        String problem = rruleProblem(rrule);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    @Override
    public String typeName() {
        return "RRuleSchedule";
    }

    @Override
    public ZoneId zone() {
        return ScheduleZones.zoneOf(timezone);
    }

    @Override
    public List<ZonedDateTime> localDates(int n, Instant start, Instant end) {
        RRuleText text = parsed();
        ZoneId zone = zone();
        Instant from = start.truncatedTo(ChronoUnit.MICROS);
        // no zone offset exceeds a day, so anything earlier than this wall time is before the start
        LocalDateTime skipBefore = from.atZone(zone).toLocalDateTime().minusDays(2);
        RecurrenceSetWalk walk = new RecurrenceSetWalk(text, skipBefore);

        Set<Instant> seen = new LinkedHashSet<>();
        List<ZonedDateTime> dates = new ArrayList<>();
        int counter = 0;
        for (LocalDateTime wall = walk.next(); wall != null; wall = walk.next()) {
            ZonedDateTime next = PythonDateTimes.atZoneDateutil(wall, zone);
            if (next.toInstant().isBefore(from)) {
                continue;
            }
            if (end != null && next.toInstant().isAfter(end)) {
                break;
            }
            if (seen.add(next.toInstant())) {
                dates.add(next);
            }
            if (dates.size() >= n || counter > MAX_ITERATIONS) {
                break;
            }
            counter++;
        }
        dates.sort(Comparator.comparing(ZonedDateTime::toInstant));
        return dates;
    }

    RRuleText parsed() {
        try {
            return RRuleText.parse(rrule);
        } catch (RRuleText.InvalidRRuleException e) {
            throw new IllegalStateException("validated at construction", e);
        }
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = ScheduleJson.NODES.objectNode();
        json.put("rrule", rrule);
        json.set("timezone", ScheduleJson.textOrNull(timezone));
        return json;
    }

    static ScheduleParseResult<RRuleSchedule> fromJson(JsonNode document) {
        List<ScheduleViolation> violations = new ArrayList<>();
        ObjectNode object = ScheduleJson.requireObject(document, "RRuleSchedule", violations);
        if (object == null) {
            return ScheduleParseResult.invalid(violations);
        }
        String rrule = ScheduleJson.requiredString(object, "rrule", violations);
        if (rrule != null) {
            String problem = rruleProblem(rrule);
            if (problem != null) {
                violations.add(ScheduleViolation.valueError(List.of("rrule"), problem, object.get("rrule")));
            }
        }
        String timezone = ScheduleZones.UTC;
        if (object.has("timezone")) {
            timezone = ScheduleJson.optionalString(object, "timezone", true, violations);
            if (timezone != null && !ScheduleZones.isKnown(timezone)) {
                violations.add(new ScheduleViolation(List.of("timezone"), "string_pattern_mismatch",
                        "String should match pattern '" + IanaZoneNames.PATTERN + "'", object.get("timezone")));
            }
        }
        ScheduleJson.rejectExtraKeys(object, FIELDS, violations);
        if (!violations.isEmpty()) {
            return ScheduleParseResult.invalid(violations);
        }
        return ScheduleParseResult.valid(new RRuleSchedule(rrule, timezone));
    }

    /** Prefect's message for an unusable rrule text, or {@code null} when it is fine. */
    static String rruleProblem(String rrule) {
        try {
            RRuleText.parse(rrule);
        } catch (RRuleText.InvalidRRuleException e) {
            return "Invalid RRule string \"" + rrule + "\": " + e.getMessage();
        }
        if (rrule.length() > MAX_RRULE_LENGTH) {
            return "Invalid RRule string \"" + rrule.substring(0, 40) + "...\"\nMax length is "
                    + MAX_RRULE_LENGTH + ", got " + rrule.length();
        }
        return null;
    }
}
