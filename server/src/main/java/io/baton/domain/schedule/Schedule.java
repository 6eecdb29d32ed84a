package io.baton.domain.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A deployment schedule's timing rule: one of Prefect's three schedule documents. Instances are
 * always valid (construct them through {@link #fromJson}); dates are produced exactly as Prefect's
 * server computes them, including its DST conventions.
 */
public sealed interface Schedule permits IntervalSchedule, CronSchedule, RRuleSchedule {

    /** Prefect stops a date search after this many candidates past the start. */
    int MAX_ITERATIONS = 1000;

    /** Prefect's class name, used as the scheduled run's {@code created_by.display_value}. */
    String typeName();

    /** The zone dates are computed and rendered in (UTC when the document names none). */
    ZoneId zone();

    /**
     * Up to {@code n} run times at or after {@code start} and not after {@code end} (no bound when
     * {@code null}), ascending, in the schedule's zone. As in Prefect, at most {@link #MAX_ITERATIONS}
     * candidates past the start are examined.
     *
     * @throws IllegalStateException for a document Prefect accepts but cannot evaluate (an rrule
     *                               with a UTC UNTIL and no DTSTART); the scheduler logs and skips it
     */
    List<ZonedDateTime> localDates(int n, Instant start, Instant end);

    /** {@link #localDates} as instants. */
    default List<Instant> dates(int n, Instant start, Instant end) {
        return localDates(n, start, end).stream().map(ZonedDateTime::toInstant).toList();
    }

    /** The document as Prefect stores and returns it. */
    ObjectNode toJson();

    /**
     * Reads a schedule document the way Prefect's API validates the {@code schedule} union:
     * the single member type that accepts the document wins; when none does, every member's
     * violations are returned with the member name first in their {@code loc} (as Pydantic does).
     *
     * @param now the creation time, used as the default interval anchor
     */
    static ScheduleParseResult<Schedule> fromJson(JsonNode document, Instant now) {
        return ScheduleJson.parseUnion(document, now);
    }
}
