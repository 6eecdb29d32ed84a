package io.baton.domain.schedule;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Which time zone names a schedule may carry, and how a name becomes a {@link ZoneId}. */
final class ScheduleZones {

    static final String UTC = "UTC";

    private static final Set<String> NAMES =
            Arrays.stream(IanaZoneNames.PATTERN.split("\\|")).collect(Collectors.toUnmodifiableSet());

    private ScheduleZones() {
    }

    static boolean isKnown(String name) {
        return NAMES.contains(name);
    }

    /**
     * The zone for a schedule's effective timezone name ({@code null} means UTC). A few legacy names
     * in the list (for example {@code Factory}) have no Java rules; they are fixed at UTC offset zero
     * in the tz database, so UTC is the same thing.
     */
    static ZoneId zoneOf(String name) {
        if (name == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (RuntimeException unknownToJava) {
            return ZoneOffset.UTC;
        }
    }
}
