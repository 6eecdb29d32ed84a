package io.baton.logs;

import java.time.Instant;
import java.util.UUID;

/** One stored log line, serialized as Prefect's {@code Log}. */
public record LogRecord(UUID id, Instant created, Instant updated, String name, int level, String message,
                        Instant timestamp, UUID flowRunId, UUID taskRunId) {}
