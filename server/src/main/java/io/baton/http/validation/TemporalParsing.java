package io.baton.http.validation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Date/time parsing with Pydantic's lax rules: RFC 3339 with {@code T}, {@code t}, {@code _} or a space between
 * date and time, {@code Z} or a numeric offset or none (taken as UTC), a bare date (midnight), and unix timestamps
 * (seconds, or milliseconds when larger than 2e10). Error texts follow Pydantic's parser.
 */
final class TemporalParsing {
    /** Python's {@code datetime.isoformat()} shape, so coerced values look like what Prefect returns. */
    static final DateTimeFormatter PYTHON_ISO = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true).optionalEnd()
            .appendOffset("+HH:MM", "+00:00")
            .toFormatter();

    private static final double MS_THRESHOLD = 2e10;

    private TemporalParsing() {}

    /** Either a value or the reason parsing failed (the part after "Input should be a valid datetime, "). */
    record Result<T>(T value, String error) {
        static <T> Result<T> ok(T value) {
            return new Result<>(value, null);
        }

        static <T> Result<T> fail(String error) {
            return new Result<>(null, error);
        }
    }

    static String format(OffsetDateTime t) {
        OffsetDateTime micros = t.getNano() % 1000 == 0 ? t : t.withNano(t.getNano() / 1000 * 1000);
        String s = PYTHON_ISO.format(micros);
        return micros.getNano() == 0 ? s.replace(".000000", "") : s;
    }

    static Result<OffsetDateTime> fromUnix(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return Result.fail("NaN values not permitted");
        }
        double s = Math.abs(seconds) > MS_THRESHOLD ? seconds / 1000.0 : seconds;
        try {
            long whole = (long) Math.floor(s);
            long micros = Math.round((s - whole) * 1_000_000);
            return Result.ok(OffsetDateTime.ofInstant(Instant.ofEpochSecond(whole, micros * 1000), ZoneOffset.UTC));
        } catch (DateTimeException | ArithmeticException e) {
            return Result.fail("dates before 1600 are not supported as unix timestamps");
        }
    }

    static Result<OffsetDateTime> parseDateTime(String s) {
        Result<LocalDate> date = parseDatePart(s);
        if (date.error() != null) {
            Double unix = Coercions.parseFloat(s);
            if (unix != null && !s.isBlank()) {
                return fromUnix(unix);
            }
            return Result.fail(date.error());
        }
        if (s.length() == 10) {
            return Result.ok(date.value().atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        char sep = s.charAt(10);
        if (sep != 'T' && sep != 't' && sep != '_' && sep != ' ') {
            return Result.fail("invalid datetime separator, expected `T`, `t`, `_` or space");
        }
        Cursor c = new Cursor(s, 11);
        String err = c.time();
        if (err != null) {
            return Result.fail(err);
        }
        if (c.i != s.length()) {
            return Result.fail("unexpected extra characters at the end of the input");
        }
        try {
            return Result.ok(OffsetDateTime.of(date.value(), java.time.LocalTime.of(c.hour, c.minute, c.second,
                    c.nanos), c.offset));
        } catch (DateTimeException e) {
            return Result.fail("input is outside expected range");
        }
    }

    static Result<LocalDate> parseDate(String s) {
        Result<LocalDate> date = parseDatePart(s);
        if (date.error() == null && s.length() != 10) {
            return Result.fail("unexpected extra characters at the end of the input");
        }
        return date;
    }

    private static Result<LocalDate> parseDatePart(String s) {
        if (s.length() < 10) {
            return Result.fail("input is too short");
        }
        if (!digits(s, 0, 4)) {
            return Result.fail("invalid character in year");
        }
        if (s.charAt(4) != '-' || s.charAt(7) != '-') {
            return Result.fail("invalid date separator, expected `-`");
        }
        if (!digits(s, 5, 2)) {
            return Result.fail("invalid character in month");
        }
        if (!digits(s, 8, 2)) {
            return Result.fail("invalid character in day");
        }
        int year = Integer.parseInt(s, 0, 4, 10);
        int month = Integer.parseInt(s, 5, 7, 10);
        int day = Integer.parseInt(s, 8, 10, 10);
        if (month < 1 || month > 12) {
            return Result.fail("month value is outside expected range of 1-12");
        }
        try {
            return Result.ok(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return Result.fail("day value is outside expected range");
        }
    }

    private static boolean digits(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code HH:MM[:SS[.fraction]][Z|±HH[:MM]]} from a position. */
    private static final class Cursor {
        final String s;
        int i;
        int hour;
        int minute;
        int second;
        int nanos;
        ZoneOffset offset = ZoneOffset.UTC;

        Cursor(String s, int i) {
            this.s = s;
            this.i = i;
        }

        String time() {
            if (s.length() < i + 5) {
                return "input is too short";
            }
            if (!digits(s, i, 2)) {
                return "invalid character in hour";
            }
            hour = Integer.parseInt(s, i, i + 2, 10);
            if (hour > 23) {
                return "hour value is outside expected range of 0-23";
            }
            if (s.charAt(i + 2) != ':') {
                return "invalid time separator, expected `:`";
            }
            if (!digits(s, i + 3, 2)) {
                return "invalid character in minute";
            }
            minute = Integer.parseInt(s, i + 3, i + 5, 10);
            if (minute > 59) {
                return "minute value is outside expected range of 0-59";
            }
            i += 5;
            if (i < s.length() && s.charAt(i) == ':') {
                if (s.length() < i + 3 || !digits(s, i + 1, 2)) {
                    return "invalid character in second";
                }
                second = Integer.parseInt(s, i + 1, i + 3, 10);
                if (second > 59) {
                    return "second value is outside expected range of 0-59";
                }
                i += 3;
                if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                    int start = ++i;
                    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                        i++;
                    }
                    if (i == start) {
                        return "second fraction value is more than 6 digits long";
                    }
                    String frac = (s.substring(start, Math.min(i, start + 9)) + "000000000").substring(0, 9);
                    nanos = Integer.parseInt(frac);
                }
            }
            if (i == s.length()) {
                return null; // naive: taken as UTC
            }
            char z = s.charAt(i);
            if (z == 'Z' || z == 'z') {
                i++;
                return null;
            }
            if (z != '+' && z != '-') {
                return "invalid timezone sign";
            }
            int sign = z == '-' ? -1 : 1;
            i++;
            if (s.length() < i + 2 || !digits(s, i, 2)) {
                return "invalid timezone hour";
            }
            int h = Integer.parseInt(s, i, i + 2, 10);
            i += 2;
            int m = 0;
            if (i < s.length() && s.charAt(i) == ':') {
                i++;
            }
            if (i < s.length()) {
                if (s.length() < i + 2 || !digits(s, i, 2)) {
                    return "invalid timezone minute";
                }
                m = Integer.parseInt(s, i, i + 2, 10);
                i += 2;
            }
            if (h >= 24 || m >= 60) {
                return "timezone offset must be less than 24 hours";
            }
            try {
                offset = ZoneOffset.ofTotalSeconds(sign * (h * 3600 + m * 60));
            } catch (DateTimeException e) {
                return "timezone offset must be less than 24 hours";
            }
            return null;
        }
    }

    /**
     * Duration text: ISO 8601 ({@code P1DT2H3M4.5S}, optional sign), {@code [-]HH:MM[:SS[.f]]}, or a number of
     * seconds. Returns seconds, or null when the text is none of these.
     */
    static Double parseDurationSeconds(String text) {
        String s = text.strip();
        Double plain = Coercions.parseFloat(s);
        if (plain != null) {
            return plain;
        }
        boolean negative = s.startsWith("-");
        String body = negative || s.startsWith("+") ? s.substring(1) : s;
        Double seconds = body.startsWith("P") || body.startsWith("p") ? iso(body.substring(1)) : clock(body);
        return seconds == null ? null : negative ? -seconds : seconds;
    }

    private static Double iso(String s) {
        double total = 0;
        boolean inTime = false;
        boolean any = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == 'T' || c == 't') {
                if (inTime) {
                    return null;
                }
                inTime = true;
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i || i >= s.length()) {
                return null;
            }
            double n;
            try {
                n = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                return null;
            }
            char unit = Character.toUpperCase(s.charAt(i++));
            double factor;
            if (!inTime) {
                factor = switch (unit) {
                    case 'Y' -> 365 * 86400.0;
                    case 'M' -> 30 * 86400.0;
                    case 'W' -> 7 * 86400.0;
                    case 'D' -> 86400.0;
                    default -> Double.NaN;
                };
            } else {
                factor = switch (unit) {
                    case 'H' -> 3600.0;
                    case 'M' -> 60.0;
                    case 'S' -> 1.0;
                    default -> Double.NaN;
                };
            }
            if (Double.isNaN(factor)) {
                return null;
            }
            total += n * factor;
            any = true;
        }
        return any ? total : null;
    }

    private static Double clock(String s) {
        String[] parts = s.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            return null;
        }
        try {
            double total = 0;
            for (String p : parts) {
                if (p.isEmpty() || !p.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.')) {
                    return null;
                }
                total = total * 60 + Double.parseDouble(p);
            }
            return parts.length == 2 ? total * 60 : total;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
