package io.baton.domain.orchestration.port;

import java.time.Instant;
import java.util.UUID;

/** Existing state rows, for the (run, timestamp) uniqueness guard. */
public interface StateHistoryPort {
    boolean flowRunStateExistsAt(UUID flowRunId, Instant timestamp);
}
