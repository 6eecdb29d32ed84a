package io.baton.domain.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;

/**
 * An RRULE schedule text read with python-dateutil's {@code rrulestr} grammar: either one bare rule
 * ({@code RRULE:} prefix optional) or whitespace-separated properties {@code DTSTART}, {@code RRULE},
 * {@code RDATE}, {@code EXRULE}, {@code EXDATE}. All date values are kept as wall-clock times, because
 * Prefect re-labels every one of them with the schedule's timezone before generating dates; whether
 * a value carried a zone only matters for dateutil's DTSTART/UNTIL consistency check.
 */
record RRuleText(LocalDateTime dtstart, List<Rule> rules, List<LocalDateTime> rdates, List<Rule> exrules,
        List<LocalDateTime> exdates) {

    /** One RRULE/EXRULE line: the rule for lib-recur without UNTIL, and UNTIL as a wall time. */
    record Rule(RecurrenceRule recurrence, LocalDateTime until, boolean untilAware) {
    }

    /** A value dateutil's parser read: its wall time and whether it carried a zone. */
    private record DateValue(LocalDateTime wall, boolean aware) {
    }

    static final class InvalidRRuleException extends Exception {
        InvalidRRuleException(String message) {
            super(message);
        }
    }

    private static final Set<String> FREQUENCIES =
            Set.of("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY");
    private static final Set<String> INT_PARTS = Set.of("INTERVAL", "COUNT");
    private static final Set<String> INT_LIST_PARTS = Set.of("BYSETPOS", "BYMONTH", "BYMONTHDAY", "BYYEARDAY",
            "BYEASTER", "BYWEEKNO", "BYHOUR", "BYMINUTE", "BYSECOND");
    private static final Set<String> WEEKDAYS = Set.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");
    private static final Pattern WEEKDAY_NUM = Pattern.compile("([+-]?\\d*)([A-Z]*)");
    private static final Pattern COMPACT_DATE =
            Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(?:T(\\d{2})(\\d{2})(\\d{2})?)?(Z)?");

    /**
     * Parses the text as Prefect's validator does (upper-cased, dateutil rules).
     *
     * @throws InvalidRRuleException with dateutil's reason
     */
    static RRuleText parse(String text) throws InvalidRRuleException {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.isBlank()) {
            throw new InvalidRRuleException("empty string");
        }
        String[] lines = upper.strip().split("\\s+");
        if (lines.length == 1 && (upper.indexOf(':') < 0 || upper.startsWith("RRULE:"))) {
            return new RRuleText(null, List.of(rule(lines[0], null)), List.of(), List.of(), List.of());
        }
        Map<String, String> tzids = new HashMap<>();
        Matcher tzid = Pattern.compile("TZID=([^:]+):").matcher(upper);
        while (tzid.find()) {
            tzids.put(tzid.group(1), tzid.group(1));
        }
        List<String> ruleLines = new ArrayList<>();
        List<String> exruleLines = new ArrayList<>();
        List<LocalDateTime> rdates = new ArrayList<>();
        List<LocalDateTime> exdates = new ArrayList<>();
        DateValue dtstart = null;
        for (String line : lines) {
            String name = "RRULE";
            String value = line;
            int colon = line.indexOf(':');
            if (colon >= 0) {
                name = line.substring(0, colon);
                value = line.substring(colon + 1);
            }
            String[] params = name.split(";", -1);
            name = params[0];
            List<String> parms = List.of(params).subList(1, params.length);
            switch (name) {
                case "RRULE" -> {
                    if (!parms.isEmpty()) {
                        throw new InvalidRRuleException("unsupported RRULE parm: " + parms.get(0));
                    }
                    ruleLines.add(value);
                }
                case "EXRULE" -> {
                    if (!parms.isEmpty()) {
                        throw new InvalidRRuleException("unsupported EXRULE parm: " + parms.get(0));
                    }
                    exruleLines.add(value);
                }
                case "RDATE" -> {
                    for (String parm : parms) {
                        if (!parm.equals("VALUE=DATE-TIME")) {
                            throw new InvalidRRuleException("unsupported RDATE parm: " + parm);
                        }
                    }
                    for (String date : value.split(",", -1)) {
                        rdates.add(dateValue(date).wall());
                    }
                }
                case "EXDATE" -> exdates.addAll(dateValues(value, parms, tzids).stream().map(DateValue::wall).toList());
                case "DTSTART" -> {
                    List<DateValue> values = dateValues(value, parms, tzids);
                    if (values.size() != 1) {
                        throw new InvalidRRuleException("Multiple DTSTART values specified:" + value);
                    }
                    dtstart = values.get(0);
                }
                default -> throw new InvalidRRuleException("unsupported property: " + name);
            }
        }
        if (ruleLines.isEmpty() && rdates.isEmpty() && exruleLines.isEmpty() && exdates.isEmpty()) {
            // dateutil fails here with an IndexError; a rule-less text can never produce a date
            throw new InvalidRRuleException("list index out of range");
        }
        List<Rule> rules = new ArrayList<>();
        for (String line : ruleLines) {
            rules.add(rule(line, dtstart));
        }
        List<Rule> exrules = new ArrayList<>();
        for (String line : exruleLines) {
            exrules.add(rule(line, dtstart));
        }
        return new RRuleText(dtstart == null ? null : dtstart.wall(), rules, rdates, exrules, exdates);
    }

    /** One rule line, checked the way dateutil's handlers and {@code rrule()} constructor check it. */
    private static Rule rule(String line, DateValue dtstart) throws InvalidRRuleException {
        String value = line;
        int colon = line.indexOf(':');
        if (colon >= 0) {
            String[] parts = line.split(":", -1);
            if (parts.length != 2) {
                throw new InvalidRRuleException("too many values to unpack (expected 2)");
            }
            if (!parts[0].equals("RRULE")) {
                throw new InvalidRRuleException("unknown parameter name");
            }
            value = parts[1];
        }
        Map<String, String> parts = new LinkedHashMap<>();
        DateValue until = null;
        for (String pair : value.split(";", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameValue = pair.split("=", -1);
            if (nameValue.length != 2) {
                throw new InvalidRRuleException(nameValue.length < 2
                        ? "not enough values to unpack (expected 2, got 1)"
                        : "too many values to unpack (expected 2)");
            }
            String name = nameValue[0];
            String partValue = nameValue[1];
            if (!checkPart(name, partValue)) {
                throw new InvalidRRuleException("invalid '" + name + "': " + partValue);
            }
            if (name.equals("UNTIL")) {
                until = dateValueOrInvalid(name, partValue);
            } else {
                parts.put(name.equals("BYWEEKDAY") ? "BYDAY" : name, partValue);
            }
        }
        if (!parts.containsKey("FREQ")) {
            throw new InvalidRRuleException("rrule() missing 1 required positional argument: 'freq'");
        }
        // without a DTSTART dateutil validates against "now" in UNTIL's own zone, so any UNTIL passes
        if (dtstart != null && until != null && until.aware() != dtstart.aware()) {
            throw new InvalidRRuleException("RRULE UNTIL values must be specified in UTC when DTSTART is timezone-aware");
        }
        if (parts.containsKey("BYEASTER")) {
            // a dateutil extension with no RFC 5545 counterpart in lib-recur
            throw new InvalidRRuleException("BYEASTER is not supported");
        }
        StringBuilder forLibRecur = new StringBuilder();
        parts.forEach((name, partValue) -> {
            if (!forLibRecur.isEmpty()) {
                forLibRecur.append(';');
            }
            forLibRecur.append(name).append('=').append(partValue);
        });
        try {
            return new Rule(new RecurrenceRule(forLibRecur.toString(), RecurrenceRule.RfcMode.RFC5545_LAX),
                    until == null ? null : until.wall(), until != null && until.aware());
        } catch (InvalidRecurrenceRuleException | RuntimeException e) {
            throw new InvalidRRuleException(e.getMessage() == null ? "invalid rule" : e.getMessage());
        }
    }

    private static boolean checkPart(String name, String value) throws InvalidRRuleException {
        if (name.equals("FREQ")) {
            return FREQUENCIES.contains(value);
        }
        if (INT_PARTS.contains(name)) {
            return isInt(value);
        }
        if (INT_LIST_PARTS.contains(name)) {
            for (String item : value.split(",", -1)) {
                if (!isInt(item)) {
                    return false;
                }
            }
            if (name.equals("BYSETPOS")) {
                for (String item : value.split(",", -1)) {
                    int pos = Integer.parseInt(item.strip());
                    if (pos == 0 || pos < -366 || pos > 366) {
                        throw new InvalidRRuleException("bysetpos must be between 1 and 366, or between -366 and -1");
                    }
                }
            }
            return true;
        }
        if (name.equals("WKST")) {
            return WEEKDAYS.contains(value);
        }
        if (name.equals("BYDAY") || name.equals("BYWEEKDAY")) {
            for (String item : value.split(",", -1)) {
                Matcher m = WEEKDAY_NUM.matcher(item);
                if (!m.matches() || !WEEKDAYS.contains(m.group(2))) {
                    return false;
                }
                String n = m.group(1);
                if (!n.isEmpty() && (!isInt(n) || Integer.parseInt(n) == 0)) {
                    return false;
                }
            }
            return true;
        }
        if (name.equals("UNTIL")) {
            return true;
        }
        throw new InvalidRRuleException("unknown parameter '" + name + "'");
    }

    private static boolean isInt(String text) {
        return text.strip().matches("[+-]?\\d{1,9}");
    }

    private static DateValue dateValueOrInvalid(String name, String value) throws InvalidRRuleException {
        try {
            return dateValue(value);
        } catch (InvalidRRuleException e) {
            throw new InvalidRRuleException("invalid '" + name + "': " + value);
        }
    }

    private static List<DateValue> dateValues(String value, List<String> parms, Map<String, String> tzids)
            throws InvalidRRuleException {
        boolean zoned = false;
        boolean valueSeen = false;
        for (String parm : parms) {
            if (parm.startsWith("TZID=")) {
                String name = tzids.get(parm.substring("TZID=".length()));
                // dateutil only attaches zones it can resolve; unknown names leave the value naive
                zoned = zoned || (name != null && resolvableZone(name));
                continue;
            }
            if (!parm.equals("VALUE=DATE-TIME") && !parm.equals("VALUE=DATE")) {
                throw new InvalidRRuleException("unsupported parm: " + parm);
            }
            if (valueSeen) {
                throw new InvalidRRuleException("Duplicate value parameter found in: " + parm);
            }
            valueSeen = true;
        }
        List<DateValue> values = new ArrayList<>();
        for (String text : value.split(",", -1)) {
            DateValue date = dateValue(text);
            if (zoned && date.aware()) {
                throw new InvalidRRuleException("DTSTART/EXDATE specifies multiple timezone");
            }
            values.add(new DateValue(date.wall(), date.aware() || zoned));
        }
        return values;
    }

    private static boolean resolvableZone(String upperName) {
        for (String known : IanaZoneNames.PATTERN.split("\\|")) {
            if (known.toUpperCase(Locale.ROOT).equals(upperName)) {
                return true;
            }
        }
        return false;
    }

    /** The compact iCalendar forms ({@code 20260101}, {@code 20260101T090000}, optional {@code Z}) or ISO 8601. */
    private static DateValue dateValue(String text) throws InvalidRRuleException {
        Matcher compact = COMPACT_DATE.matcher(text.strip());
        try {
            if (compact.matches()) {
                LocalDate date = LocalDate.of(Integer.parseInt(compact.group(1)), Integer.parseInt(compact.group(2)),
                        Integer.parseInt(compact.group(3)));
                LocalDateTime wall = compact.group(4) == null ? date.atStartOfDay()
                        : date.atTime(Integer.parseInt(compact.group(4)), Integer.parseInt(compact.group(5)),
                                compact.group(6) == null ? 0 : Integer.parseInt(compact.group(6)));
                return new DateValue(wall, compact.group(7) != null);
            }
        } catch (java.time.DateTimeException e) {
            throw new InvalidRRuleException("day is out of range for month");
        }
        var iso = PythonDateTimes.parseIso(text);
        if (iso == null) {
            throw new InvalidRRuleException("Unknown string format: " + text);
        }
        boolean aware = text.strip().matches(".*(Z|[+-]\\d{2}(:?\\d{2})?)$") && text.contains("T");
        return new DateValue(iso.toLocalDateTime(), aware);
    }
}
