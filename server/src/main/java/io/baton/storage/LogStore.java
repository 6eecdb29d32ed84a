package io.baton.storage;

import io.baton.logs.LogFilter;
import io.baton.logs.LogRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Log lines: batched inserts and filtered reads. */
public interface LogStore {

    /** Inserts the logs (ids already assigned) in one transaction. */
    void create(List<LogRecord> logs);

    /** Logs matching {@code filter}; {@code descending} sorts by timestamp newest first. */
    List<LogRecord> filter(LogFilter filter, boolean descending, int limit, int offset);

    /** The name of a flow run, for download file names; empty when the run does not exist. */
    Optional<String> flowRunName(UUID flowRunId);
}
