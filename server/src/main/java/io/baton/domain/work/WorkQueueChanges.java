package io.baton.domain.work;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Change;
import io.baton.domain.Times;
import java.time.Instant;

/** The fields of a queue PATCH; a null {@link Change} is a field not in the request. */
public record WorkQueueChanges(Change<String> name, Change<String> description, Change<Boolean> isPaused,
        Change<Integer> concurrencyLimit, Change<Integer> priority, Change<Instant> lastPolled, Change<JsonNode> filter) {

    public static WorkQueueChanges from(JsonNode body) {
        return new WorkQueueChanges(Change.text(body, "name"), Change.text(body, "description"),
                Change.bool(body, "is_paused"), Change.integer(body, "concurrency_limit"),
                Change.integer(body, "priority"), Change.of(body, "last_polled", v -> Times.parse(v.asText())),
                Change.json(body, "filter"));
    }
}
