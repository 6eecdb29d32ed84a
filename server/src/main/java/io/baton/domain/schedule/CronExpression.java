package io.baton.domain.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cron expression with croniter's grammar and matching rules, evaluated on wall-clock
 * (zone-less) date-times. Five fields, or six with seconds last; {@code @hourly}-style macros;
 * lists, ranges (wrapping when reversed), steps, month and weekday names, {@code ?}, {@code L} for the
 * last day of the month, {@code 5L} for the last Friday and {@code 5#2} for the second Friday.
 */
final class CronExpression {

    private static final Map<String, String> MACROS = Map.of(
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");

    private static final List<String> MONTH_NAMES =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> DAY_NAMES = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    /** Longest possible length of each month, February counting its leap day. */
    private static final int[] MAX_MONTH_LENGTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    /** croniter gives up when no date matches within this many years. */
    private static final int SEARCH_YEARS = 50;

    private final boolean hasSeconds;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final boolean lastDayOfMonth;
    private final BitSet months;
    /** Plain weekdays, 0 = Sunday. */
    private final BitSet daysOfWeek;
    /** {@code {weekday, n}} pairs: n-th such weekday of the month, n = -1 for the last one. */
    private final List<int[]> nthWeekdays;
    private final boolean domRestricted;
    private final boolean dowRestricted;
    private final boolean dayOr;

    private CronExpression(boolean hasSeconds, BitSet seconds, BitSet minutes, BitSet hours, BitSet daysOfMonth,
            boolean lastDayOfMonth, BitSet months, BitSet daysOfWeek, List<int[]> nthWeekdays,
            boolean domRestricted, boolean dowRestricted, boolean dayOr) {
        this.hasSeconds = hasSeconds;
        this.seconds = seconds;
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.lastDayOfMonth = lastDayOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.nthWeekdays = nthWeekdays;
        this.domRestricted = domRestricted;
        this.dowRestricted = dowRestricted;
        this.dayOr = dayOr;
    }

    /** Thrown for anything croniter would refuse to construct. */
    static final class InvalidCronException extends Exception {
        InvalidCronException(String message) {
            super(message);
        }
    }

    static CronExpression parse(String expression, boolean dayOr) throws InvalidCronException {
        String text = expression.strip().toLowerCase(Locale.ROOT);
        text = MACROS.getOrDefault(text, text);
        String[] fields = text.split("\\s+");
        if (fields.length != 5 && fields.length != 6) {
            throw new InvalidCronException("Exactly 5 or 6 columns has to be specified for iterator expression.");
        }
        BitSet minutes = plainField(fields[0], 0, 59, List.of());
        BitSet hours = plainField(fields[1], 0, 23, List.of());
        BitSet months = plainField(fields[3], 1, 12, MONTH_NAMES);
        boolean hasSeconds = fields.length == 6;
        BitSet seconds = hasSeconds ? plainField(fields[5], 0, 59, List.of()) : single(0);

        BitSet dom = new BitSet();
        boolean last = false;
        for (String item : fields[2].split(",", -1)) {
            if (item.equals("l")) {
                last = true;
            } else {
                dom.or(rangeItem(item.equals("?") ? "*" : item, 1, 31, List.of()));
            }
        }
        boolean domRestricted = last || dom.cardinality() != 31;

        BitSet dow = new BitSet();
        List<int[]> nth = new ArrayList<>();
        for (String item : fields[4].split(",", -1)) {
            if (item.contains("#")) {
                String[] parts = item.split("#", -1);
                int n = parseNumber(parts.length == 2 ? parts[1] : "", List.of());
                if (n < 1 || n > 5) {
                    throw new InvalidCronException("[" + expression + "] is not acceptable, nth weekday out of range");
                }
                nth.add(new int[] {weekday(parts[0]), n});
            } else if (item.length() > 1 && item.endsWith("l")) {
                nth.add(new int[] {weekday(item.substring(0, item.length() - 1)), -1});
            } else {
                BitSet values = rangeItem(item.equals("?") ? "*" : item, 0, 7, DAY_NAMES);
                if (values.get(7)) {
                    values.clear(7);
                    values.set(0);
                }
                dow.or(values);
            }
        }
        boolean dowRestricted = !nth.isEmpty() || dow.cardinality() != 7;

        if (domRestricted && !last && months.cardinality() < 12) {
            int longest = months.stream().map(m -> MAX_MONTH_LENGTH[m - 1]).max().orElse(31);
            if (dom.nextSetBit(0) > longest) {
                throw new InvalidCronException("day-of-month can never occur in the selected months");
            }
        }
        return new CronExpression(hasSeconds, seconds, minutes, hours, dom, last, months, dow, nth,
                domRestricted, dowRestricted, dayOr);
    }

    /** The first matching wall time at or after {@code from} (at this expression's resolution). */
    Optional<LocalDateTime> firstAtOrAfter(LocalDateTime from) {
        LocalDateTime t = from.truncatedTo(hasSeconds ? ChronoUnit.SECONDS : ChronoUnit.MINUTES);
        if (t.isBefore(from)) {
            t = t.plus(1, hasSeconds ? ChronoUnit.SECONDS : ChronoUnit.MINUTES);
        }
        int lastYear = from.getYear() + SEARCH_YEARS;
        while (t.getYear() <= lastYear) {
            if (!months.get(t.getMonthValue())) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!dayMatches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!seconds.get(t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The step croniter adds to a previous match before searching again. */
    ChronoUnit resolution() {
        return hasSeconds ? ChronoUnit.SECONDS : ChronoUnit.MINUTES;
    }

    private boolean dayMatches(LocalDate date) {
        boolean domMatch = daysOfMonth.get(date.getDayOfMonth())
                || (lastDayOfMonth && date.getDayOfMonth() == date.lengthOfMonth());
        boolean dowMatch = weekdayMatches(date);
        if (domRestricted && dowRestricted) {
            return dayOr ? domMatch || dowMatch : domMatch && dowMatch;
        }
        if (domRestricted) {
            return domMatch;
        }
        if (dowRestricted) {
            return dowMatch;
        }
        return true;
    }

    private boolean weekdayMatches(LocalDate date) {
        int weekday = date.getDayOfWeek().getValue() % 7;
        if (daysOfWeek.get(weekday)) {
            return true;
        }
        for (int[] rule : nthWeekdays) {
            if (rule[0] != weekday) {
                continue;
            }
            DayOfWeek day = date.getDayOfWeek();
            LocalDate target = rule[1] == -1
                    ? date.with(TemporalAdjusters.lastInMonth(day))
                    : date.with(TemporalAdjusters.dayOfWeekInMonth(rule[1], day));
            if (target.equals(date) && YearMonth.from(target).equals(YearMonth.from(date))) {
                return true;
            }
        }
        return false;
    }

    private static BitSet single(int value) {
        BitSet set = new BitSet();
        set.set(value);
        return set;
    }

    private static int weekday(String text) throws InvalidCronException {
        int value = parseNumber(text, DAY_NAMES);
        if (value < 0 || value > 7) {
            throw new InvalidCronException("weekday out of range: " + text);
        }
        return value % 7;
    }

    private static BitSet plainField(String field, int min, int max, List<String> names) throws InvalidCronException {
        BitSet values = new BitSet();
        for (String item : field.split(",", -1)) {
            values.or(rangeItem(item, min, max, names));
        }
        return values;
    }

    /** One comma-separated item: {@code *}, {@code n}, {@code a-b}, each optionally {@code /step}. */
    private static BitSet rangeItem(String item, int min, int max, List<String> names) throws InvalidCronException {
        if (item.isEmpty()) {
            throw new InvalidCronException("empty cron field item");
        }
        String range = item;
        int step = 1;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            step = parseNumber(item.substring(slash + 1), List.of());
            if (step <= 0) {
                throw new InvalidCronException("step must be positive: " + item);
            }
        }
        int low;
        int high;
        if (range.equals("*")) {
            low = min;
            high = max;
        } else if (range.indexOf('-') > 0) {
            String[] bounds = range.split("-", -1);
            if (bounds.length != 2) {
                throw new InvalidCronException("bad range: " + item);
            }
            low = parseNumber(bounds[0], names);
            high = parseNumber(bounds[1], names);
        } else {
            low = parseNumber(range, names);
            // "a/step" runs from a to the end of the field's range
            high = slash >= 0 ? max : low;
        }
        if (low < min || low > max || high < min || high > max) {
            throw new InvalidCronException("value out of range: " + item);
        }
        BitSet values = new BitSet();
        if (low <= high) {
            for (int v = low; v <= high; v += step) {
                values.set(v);
            }
        } else {
            // reversed range wraps around the end of the field, the step carrying across the wrap
            int span = (max - low + 1) + (high - min + 1);
            for (int i = 0; i < span; i += step) {
                int v = low + i;
                values.set(v <= max ? v : min + (v - max - 1));
            }
        }
        return values;
    }

    private static int parseNumber(String text, List<String> names) throws InvalidCronException {
        int named = names.indexOf(text);
        if (named >= 0) {
            return names == MONTH_NAMES ? named + 1 : named;
        }
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 4) {
            throw new InvalidCronException("not a number: " + text);
        }
        return Integer.parseInt(text);
    }
}
