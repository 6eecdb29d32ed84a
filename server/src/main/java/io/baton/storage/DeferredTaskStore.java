package io.baton.storage;

import io.baton.domain.run.TaskRunRecord;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Deferred (background) task runs waiting in the database for a task worker. */
public interface DeferredTaskStore {

    /** SCHEDULED deferred task runs of the given task keys, oldest first, at most {@code limit}. */
    List<TaskRunRecord> scheduled(Collection<String> taskKeys, int limit);

    /** The task run when it is still SCHEDULED (so still to be delivered). */
    Optional<TaskRunRecord> stillScheduled(UUID taskRunId);
}
