package io.baton.domain.run;

import io.baton.domain.state.State;
import java.time.Instant;
import java.util.UUID;

/** A stored task run with its current state (data loaded). */
public record TaskRunRecord(TaskRun run, Instant created, Instant updated, State state) {

    public UUID id() {
        return run.id();
    }
}
