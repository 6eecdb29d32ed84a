package io.baton.domain.run;

import java.time.Instant;
import java.util.UUID;

/** A keyed input value of a flow run (pause/resume and {@code receive_input}); {@code value} is JSON text. */
public record FlowRunInput(UUID id, Instant created, Instant updated, UUID flowRunId, String key, String value,
                           String sender) {
}
