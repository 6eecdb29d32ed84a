package io.baton.json;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The one timestamp layout of the wire and of SQLite columns, {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} in UTC,
 * written and read by hand: a list page formats and parses thousands of them, and a
 * {@link DateTimeFormatter} costs about ten times more per call. Years outside 0000-9999 and other layouts
 * go through the JDK (same output, same accepted input).
 */
public final class UtcMicros {

    private UtcMicros() {}

    private static final int LENGTH = 27;
    private static final long MIN_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
    private static final long MAX_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

    /** As {@code formatter.format(instant)} for the layout above; {@code formatter} handles other years. */
    public static String format(Instant instant, DateTimeFormatter formatter) {
        long second = instant.getEpochSecond();
        if (second < MIN_SECOND || second > MAX_SECOND) {
            return formatter.format(instant);
        }
        long days = Math.floorDiv(second, 86_400);
        int secondOfDay = (int) Math.floorMod(second, 86_400);
        // Civil date from days since 1970-01-01 (proleptic Gregorian), eras of 400 years.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int mp = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        char[] out = new char[LENGTH];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        digits(out, 20, instant.getNano() / 1000, 6);
        out[26] = 'Z';
        return new String(out);
    }

    /**
     * Parses the layout above (also with a space instead of {@code T}); anything else goes to
     * {@link Instant#parse}, which throws on what it cannot read.
     */
    public static Instant parse(String s) {
        if (s.length() != LENGTH || s.charAt(4) != '-' || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != ' ') || s.charAt(13) != ':' || s.charAt(16) != ':'
                || s.charAt(19) != '.' || s.charAt(26) != 'Z') {
            return Instant.parse(s.indexOf(' ') == 10 ? s.replace(' ', 'T') : s);
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        int micros = number(s, 20, 6);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0
                || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || micros < 0) {
            return Instant.parse(s.replace(' ', 'T')); // throws the JDK's own message
        }
        long days = epochDay(year, month, day);
        return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, micros * 1000L);
    }

    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        int yearOfEra = (int) (y - era * 400);
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The non-negative number in {@code s[from, from + width)}, or -1 when a character is not a digit. */
    private static int number(String s, int from, int width) {
        int n = 0;
        for (int i = from; i < from + width; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
