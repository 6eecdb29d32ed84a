package io.baton.domain.automation.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The counting state of one event trigger for one {@code for_each} key: events counted in
 * [{@code start}, {@code end}) and the last event seen (what a proactive firing reports).
 */
public record Bucket(List<String> key, Instant start, Instant end, int count, JsonNode lastEvent) {

    Bucket increment(int by, JsonNode event) {
        return new Bucket(key, start, end, count + by, event != null ? event : lastEvent);
    }

    Bucket withLastEvent(JsonNode event) {
        return new Bucket(key, start, end, count, event);
    }
}
