package io.baton.domain.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A cron schedule evaluated on the wall clock of {@link #timezone} (UTC when {@code null}) with
 * croniter's semantics. Each matching wall time becomes an instant the way Python's zoneinfo reads
 * it: at the autumn fall-back the repeated hour fires once (its first occurrence), and a wall time
 * that does not exist in spring lands just after the gap (a duplicate of the next hour is dropped).
 *
 * @param cron     the expression exactly as given
 * @param timezone IANA zone name, or {@code null}
 * @param dayOr    {@code true}: day-of-month OR day-of-week when both are restricted; {@code false}: AND
 */
public record CronSchedule(String cron, String timezone, boolean dayOr) implements Schedule {

    private static final Set<String> FIELDS = Set.of("cron", "timezone", "day_or");

    public CronSchedule {
        try {
            CronExpression.parse(cron, dayOr);
        } catch (CronExpression.InvalidCronException e) {
            throw new IllegalArgumentException(invalidCronMessage(cron), e);
        }
    }

    @Override
    public String typeName() {
        return "CronSchedule";
    }

    @Override
    public ZoneId zone() {
        return ScheduleZones.zoneOf(timezone);
    }

    @Override
    public List<ZonedDateTime> localDates(int n, Instant start, Instant end) {
        CronExpression expression = expression();
        ZoneId zone = zone();
        // Prefect searches from one second before the start, rounded back up when the start has a
        // fraction; with croniter's step this makes the start itself a candidate
        LocalDateTime wallStart = start.truncatedTo(ChronoUnit.MICROS).atZone(zone).toLocalDateTime().minusSeconds(1);
        if (wallStart.getNano() != 0) {
            wallStart = wallStart.plusSeconds(1);
        }
        LocalDateTime searchFrom = wallStart.truncatedTo(expression.resolution()).plus(1, expression.resolution());

        Set<Instant> seen = new LinkedHashSet<>();
        List<ZonedDateTime> dates = new ArrayList<>();
        int counter = 0;
        while (true) {
            Optional<LocalDateTime> match = expression.firstAtOrAfter(searchFrom);
            if (match.isEmpty()) {
                break;
            }
            ZonedDateTime next = PythonDateTimes.atZoneFoldZero(match.get(), zone);
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
            searchFrom = match.get().plus(1, expression.resolution());
        }
        return dates;
    }

    private CronExpression expression() {
        try {
            return CronExpression.parse(cron, dayOr);
        } catch (CronExpression.InvalidCronException e) {
            throw new IllegalStateException("validated at construction", e);
        }
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = ScheduleJson.NODES.objectNode();
        json.put("cron", cron);
        json.set("timezone", ScheduleJson.textOrNull(timezone));
        json.put("day_or", dayOr);
        return json;
    }

    static ScheduleParseResult<CronSchedule> fromJson(JsonNode document) {
        List<ScheduleViolation> violations = new ArrayList<>();
        ObjectNode object = ScheduleJson.requireObject(document, "CronSchedule", violations);
        if (object == null) {
            return ScheduleParseResult.invalid(violations);
        }
        String cron = ScheduleJson.requiredString(object, "cron", violations);
        if (cron != null) {
            String problem = cronProblem(cron);
            if (problem != null) {
                violations.add(ScheduleViolation.valueError(List.of("cron"), problem, object.get("cron")));
            }
        }
        String timezone = ScheduleJson.optionalString(object, "timezone", true, violations);
        boolean dayOr = true;
        JsonNode dayOrNode = object.get("day_or");
        if (dayOrNode != null) {
            Boolean parsed = readBoolean(dayOrNode);
            if (parsed == null) {
                violations.add(new ScheduleViolation(List.of("day_or"), "bool_parsing",
                        "Input should be a valid boolean, unable to interpret input", dayOrNode));
            } else {
                dayOr = parsed;
            }
        }
        ScheduleJson.rejectExtraKeys(object, FIELDS, violations);
        if (!violations.isEmpty()) {
            return ScheduleParseResult.invalid(violations);
        }
        if (timezone != null && !ScheduleZones.isKnown(timezone)) {
            return ScheduleParseResult.invalid(List.of(IntervalSchedule.invalidTimezone(timezone, object)));
        }
        return ScheduleParseResult.valid(new CronSchedule(cron, timezone, dayOr));
    }

    /** Prefect's message for an unusable expression, or {@code null} when it is fine. */
    static String cronProblem(String cron) {
        try {
            CronExpression.parse(cron, true);
        } catch (CronExpression.InvalidCronException e) {
            return invalidCronMessage(cron);
        }
        return null;
    }

    private static String invalidCronMessage(String cron) {
        // croniter's random "R" and hashed "H" fields pass its own check but Prefect refuses them
        for (String field : cron.strip().split("\\s+")) {
            String folded = field.toLowerCase(Locale.ROOT);
            if (folded.equals("r") || folded.equals("h")) {
                return "Random and Hashed expressions are unsupported, received: \"" + cron + "\"";
            }
        }
        return "Invalid cron string: \"" + cron + "\"";
    }

    /** Pydantic's lax boolean: JSON booleans, 0/1 and the usual words. */
    private static Boolean readBoolean(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && (node.longValue() == 0 || node.longValue() == 1)) {
            return node.longValue() == 1;
        }
        if (node.isTextual()) {
            return switch (node.textValue().strip().toLowerCase(Locale.ROOT)) {
                case "true", "t", "yes", "y", "on", "1" -> true;
                case "false", "f", "no", "n", "off", "0" -> false;
                default -> null;
            };
        }
        return null;
    }
}
