package io.baton.domain.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs at {@code anchor + k * interval}. The whole-day part of each step is added on the local
 * calendar of {@link #timezone} (a daily run keeps its wall-clock hour across DST), the remainder as
 * elapsed time (an hourly run follows UTC). Like Prefect, the first candidate is found by jumping
 * from the anchor in elapsed time, so the wall-clock hour is that of the jump target.
 *
 * @param intervalMicros the interval in microseconds (Python's timedelta resolution), {@code > 0}
 * @param anchorDate     the anchor, with the offset it was given in
 * @param timezone       IANA zone name; inferred as {@code UTC} when the document has none
 */
public record IntervalSchedule(long intervalMicros, OffsetDateTime anchorDate, String timezone) implements Schedule {

    private static final Set<String> FIELDS = Set.of("interval", "anchor_date", "timezone");
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    public IntervalSchedule {
        if (intervalMicros <= 0) {
            throw new IllegalArgumentException("The interval must be positive");
        }
        anchorDate = anchorDate.truncatedTo(ChronoUnit.MICROS);
    }

    public Duration interval() {
        return Duration.of(intervalMicros, ChronoUnit.MICROS);
    }

    @Override
    public String typeName() {
        return "IntervalSchedule";
    }

    @Override
    public ZoneId zone() {
        return ScheduleZones.zoneOf(timezone);
    }

    @Override
    public List<ZonedDateTime> localDates(int n, Instant start, Instant end) {
        ZoneId zone = zone();
        ZonedDateTime anchor = anchorDate.atZoneSameInstant(zone);
        Instant from = start.truncatedTo(ChronoUnit.MICROS);
        long sinceAnchor = ChronoUnit.MICROS.between(anchor.toInstant(), from);
        // whole intervals between anchor and start, truncated toward zero like Python's int()
        long steps = sinceAnchor / intervalMicros;
        ZonedDateTime next = anchor.plus(Math.multiplyExact(steps, intervalMicros), ChronoUnit.MICROS);

        long days = intervalMicros / MICROS_PER_DAY;
        long remainderMicros = intervalMicros % MICROS_PER_DAY;
        // DST can leave the jump target before the start; step forward until it is not
        while (next.toInstant().isBefore(from)) {
            next = step(next, days, remainderMicros);
        }

        Set<Instant> seen = new LinkedHashSet<>();
        List<ZonedDateTime> dates = new ArrayList<>();
        int counter = 0;
        while (true) {
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
            next = step(next, days, remainderMicros);
        }
        return dates;
    }

    private static ZonedDateTime step(ZonedDateTime from, long days, long remainderMicros) {
        return from.plusDays(days).plus(remainderMicros, ChronoUnit.MICROS);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = ScheduleJson.NODES.objectNode();
        json.put("interval", intervalMicros / 1_000_000.0);
        json.put("anchor_date", PythonDateTimes.isoJson(anchorDate));
        json.set("timezone", ScheduleJson.textOrNull(timezone));
        return json;
    }

    static ScheduleParseResult<IntervalSchedule> fromJson(JsonNode document, Instant now) {
        List<ScheduleViolation> violations = new ArrayList<>();
        ObjectNode object = ScheduleJson.requireObject(document, "IntervalSchedule", violations);
        if (object == null) {
            return ScheduleParseResult.invalid(violations);
        }
        Long micros = null;
        JsonNode intervalNode = object.get("interval");
        if (intervalNode == null) {
            violations.add(ScheduleViolation.missing("interval", object));
        } else {
            micros = readIntervalMicros(intervalNode);
            if (micros == null) {
                violations.add(new ScheduleViolation(List.of("interval"), "time_delta_type",
                        "Input should be a valid timedelta", intervalNode));
            } else if (micros <= 0) {
                violations.add(new ScheduleViolation(List.of("interval"), "greater_than",
                        "Input should be greater than 0:00:00", intervalNode));
            }
        }

        OffsetDateTime anchor = now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        JsonNode anchorNode = object.get("anchor_date");
        if (anchorNode != null) {
            OffsetDateTime parsed = anchorNode.isTextual() ? PythonDateTimes.parseIso(anchorNode.textValue()) : null;
            if (parsed == null) {
                violations.add(new ScheduleViolation(List.of("anchor_date"), "datetime_type",
                        "Input should be a valid datetime", anchorNode));
            } else {
                anchor = parsed;
            }
        }
        String timezone = ScheduleJson.optionalString(object, "timezone", true, violations);
        ScheduleJson.rejectExtraKeys(object, FIELDS, violations);
        if (!violations.isEmpty()) {
            return ScheduleParseResult.invalid(violations);
        }
        if (timezone != null && !ScheduleZones.isKnown(timezone)) {
            return ScheduleParseResult.invalid(List.of(invalidTimezone(timezone, object)));
        }
        // a JSON anchor carries an offset, never a zone name, so the inferred zone is always UTC
        String effectiveZone = timezone != null ? timezone : ScheduleZones.UTC;
        return ScheduleParseResult.valid(new IntervalSchedule(micros, anchor, effectiveZone));
    }

    static ScheduleViolation invalidTimezone(String timezone, JsonNode input) {
        return ScheduleViolation.valueError(List.of(), "Invalid timezone: \"" + timezone
                + "\" (specify in IANA tzdata format, for example, America/New_York)", input);
    }

    /** Seconds as a number (rounded to microseconds like Python's timedelta) or an ISO 8601 duration. */
    private static Long readIntervalMicros(JsonNode node) {
        if (node.isNumber()) {
            try {
                return new BigDecimal(node.asText()).movePointRight(6).setScale(0, RoundingMode.HALF_EVEN)
                        .longValueExact();
            } catch (NumberFormatException | ArithmeticException outOfRange) {
                return null;
            }
        }
        if (node.isTextual()) {
            String text = node.textValue().strip();
            try {
                return new BigDecimal(text).movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            } catch (NumberFormatException | ArithmeticException notNumeric) {
                try {
                    Duration duration = Duration.parse(text);
                    return duration.toNanos() / 1000;
                } catch (DateTimeParseException | ArithmeticException notIso) {
                    return null;
                }
            }
        }
        return null;
    }
}
