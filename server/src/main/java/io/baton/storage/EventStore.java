package io.baton.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.events.EventFilter;
import java.time.Instant;
import java.util.List;

/**
 * Events as received (Prefect's {@code ReceivedEvent} JSON): insert-or-ignore by id, filtered reads and counts.
 * Inserting also records the client-orchestrated task runs those events describe, in the same transaction.
 */
public interface EventStore {

    /**
     * Stores the events whose ids are not stored yet, records their task runs, commits; returns the newly
     * stored events in input order (duplicates of stored events are left out).
     */
    List<JsonNode> insert(List<JsonNode> events);

    /** Events matching {@code filter}, ordered by occurred (then id) as the filter says. */
    List<JsonNode> query(EventFilter filter, int limit, int offset);

    long count(EventFilter filter);

    /** Per-value counts: {@code value}, {@code label}, {@code count}, {@code start_time}, {@code end_time}. */
    List<Count> countBy(EventFilter filter, Countable countable);

    /** Time buckets of {@code seconds} from the filter's {@code since}; every bucket up to {@code until}. */
    List<Count> countByTime(EventFilter filter, double seconds);

    enum Countable { EVENT, RESOURCE }

    record Count(String value, String label, long count, Instant startTime, Instant endTime) {}
}
