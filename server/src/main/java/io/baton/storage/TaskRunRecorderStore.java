package io.baton.storage;

import io.baton.domain.orchestration.recorder.TaskRunEventMapper.RecordedTaskRun;
import java.util.List;

/**
 * Writes client-orchestrated task runs as the task run recorder does: upsert of each run (by id, or by its
 * natural key {@code (flow_run_id, task_key, dynamic_key)} under the stored id), applied only when the stored
 * state is older; every state inserted, duplicates ignored.
 */
public interface TaskRunRecorderStore {

    /** Records the batch in one transaction. */
    void record(List<RecordedTaskRun> runs);
}
