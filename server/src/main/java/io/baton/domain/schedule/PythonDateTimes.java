package io.baton.domain.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Date-time text and wall-clock resolution the way Prefect's Python stack produces them. */
public final class PythonDateTimes {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter ISO_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final Pattern ISO_INPUT = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[T t](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?"
                    + "(Z|z|[+-]\\d{2}(?::?\\d{2})?)?)?");

    private PythonDateTimes() {
    }

    /**
     * Python's {@code str(datetime)} of an aware datetime: {@code 2026-11-21 06:09:27.239278+00:00};
     * the fraction is left out when the microseconds are zero.
     */
    public static String str(ZonedDateTime dateTime) {
        ZonedDateTime micros = dateTime.truncatedTo(ChronoUnit.MICROS);
        StringBuilder text = new StringBuilder(DATE_TIME.format(micros));
        appendMicros(text, micros.getNano() / 1000);
        appendOffset(text, micros.getOffset());
        return text.toString();
    }

    /** Pydantic's JSON form of an aware datetime: ISO 8601 with {@code T}, {@code Z} for UTC. */
    public static String isoJson(OffsetDateTime dateTime) {
        OffsetDateTime micros = dateTime.truncatedTo(ChronoUnit.MICROS);
        StringBuilder text = new StringBuilder(ISO_DATE_TIME.format(micros));
        appendMicros(text, micros.getNano() / 1000);
        if (micros.getOffset().equals(ZoneOffset.UTC)) {
            text.append('Z');
        } else {
            appendOffset(text, micros.getOffset());
        }
        return text.toString();
    }

    /**
     * Reads the ISO 8601 forms Pydantic accepts for a datetime. A value without an offset is taken
     * as UTC, as Prefect's datetime type does. Returns {@code null} when the text is not a datetime.
     */
    static OffsetDateTime parseIso(String text) {
        Matcher m = ISO_INPUT.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalDateTime local = date.atStartOfDay();
            if (m.group(4) != null) {
                int nanos = 0;
                if (m.group(7) != null) {
                    nanos = Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
                }
                local = date.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            }
            ZoneOffset offset = ZoneOffset.UTC;
            String zone = m.group(8);
            if (zone != null && !zone.equalsIgnoreCase("z")) {
                String normalized = zone.length() == 3 ? zone + ":00"
                        : zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone;
                offset = ZoneOffset.of(normalized);
            }
            return OffsetDateTime.of(local, offset).truncatedTo(ChronoUnit.MICROS);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /**
     * Wall time to zoned time as Python's zoneinfo does for {@code fold=0}: an ambiguous time takes
     * the earlier offset, a skipped time keeps the offset from before the gap (so it lands after it).
     */
    static ZonedDateTime atZoneFoldZero(LocalDateTime wall, ZoneId zone) {
        return ZonedDateTime.ofLocal(wall, zone, null);
    }

    /**
     * Wall time to zoned time as dateutil's tz objects do: an ambiguous time takes the earlier offset,
     * but a skipped time is read with the offset in force after the gap, so it lands before the gap
     * (02:30 on a spring-forward night in New York becomes 01:30 EST).
     */
    static ZonedDateTime atZoneDateutil(LocalDateTime wall, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(wall);
        if (transition != null && transition.isGap()) {
            Instant instant = wall.toInstant(transition.getOffsetAfter());
            return instant.atZone(zone);
        }
        return ZonedDateTime.ofLocal(wall, zone, null);
    }

    private static void appendMicros(StringBuilder text, int micros) {
        if (micros != 0) {
            text.append('.').append(String.format("%06d", micros));
        }
    }

    private static void appendOffset(StringBuilder text, ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        text.append(total < 0 ? '-' : '+');
        int abs = Math.abs(total);
        text.append(String.format("%02d:%02d", abs / 3600, (abs / 60) % 60));
        if (abs % 60 != 0) {
            text.append(String.format(":%02d", abs % 60));
        }
    }
}
