package io.baton.domain.work;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Change;

/** The fields a {@code PATCH /work_pools/{name}} sets; a null {@link Change} is a field not in the request. */
public record WorkPoolChanges(Change<String> description, Change<Boolean> isPaused, Change<JsonNode> baseJobTemplate,
        Change<Integer> concurrencyLimit, Change<JsonNode> storageConfiguration) {

    public static WorkPoolChanges from(JsonNode body) {
        return new WorkPoolChanges(Change.text(body, "description"), Change.bool(body, "is_paused"),
                Change.json(body, "base_job_template"), Change.integer(body, "concurrency_limit"),
                Change.json(body, "storage_configuration"));
    }

    /** Reserved pools accept only pause and concurrency changes. */
    public boolean onlyPauseOrConcurrency() {
        return description == null && baseJobTemplate == null && storageConfiguration == null;
    }
}
