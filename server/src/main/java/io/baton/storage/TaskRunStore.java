package io.baton.storage;

import io.baton.domain.Upserted;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.orchestration.ClientInfo;
import io.baton.domain.run.NewTaskRun;
import io.baton.domain.run.RunHistory;
import io.baton.domain.run.TaskRunRecord;
import io.baton.domain.state.State;
import io.baton.domain.state.StateCreate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Task runs, their state history and their server-side orchestration. */
public interface TaskRunStore {

    /**
     * Creates the task run and forces its initial state (PENDING unless given); an existing run with the same
     * (flow_run_id, task_key, dynamic_key) is returned instead.
     */
    Upserted<TaskRunRecord> create(NewTaskRun run, ClientInfo client);

    Optional<TaskRunRecord> read(UUID id);

    List<TaskRunRecord> filter(Query query);

    long count(Criterion criterion);

    boolean rename(UUID id, String name);

    boolean delete(UUID id);

    Optional<FlowRunStore.Transition> setState(UUID id, StateCreate proposal, boolean force, ClientInfo client);

    List<RunHistory.Bucket> history(Criterion criterion, Instant start, Instant end, Duration interval);

    List<State> states(UUID taskRunId);

    Optional<State> readState(UUID stateId);
}
