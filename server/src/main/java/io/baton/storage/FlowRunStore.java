package io.baton.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Upserted;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.orchestration.ClientInfo;
import io.baton.domain.orchestration.OrchestrationResult;
import io.baton.domain.run.FlowRunPatch;
import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.run.NewFlowRun;
import io.baton.domain.run.RunHistory;
import io.baton.domain.state.State;
import io.baton.domain.state.StateCreate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Flow runs, their state history and their orchestration. */
public interface FlowRunStore {

    /** The answer to a proposed transition; {@code stateWritten} decides 201 over 200. */
    record Transition(UUID runId, OrchestrationResult result, boolean stateWritten) {}

    /**
     * Creates the run and applies its initial state (PENDING unless given) with force; with an idempotency key an
     * existing run of the same flow is returned instead (not created, state untouched).
     * @throws RejectedRequestException NOT_FOUND when a named work pool or queue does not exist
     */
    Upserted<FlowRunRecord> create(NewFlowRun run, ClientInfo client);

    /** Records who created the run ({@code {"id", "type", "display_value"}}), e.g. an automation. */
    void setCreatedBy(UUID id, JsonNode createdBy);

    Optional<FlowRunRecord> read(UUID id);

    List<FlowRunRecord> filter(Query query);

    long count(Criterion criterion);

    /**
     * Applies the present fields. @return false when the run does not exist
     * @throws RejectedRequestException NOT_ALLOWED when job variables cannot change any more
     */
    boolean update(UUID id, FlowRunPatch patch);

    /** Merges {@code labels} over the run's labels. @return false when the run does not exist */
    boolean mergeLabels(UUID id, JsonNode labels);

    boolean delete(UUID id);

    List<UUID> bulkDelete(Criterion criterion, int limit);

    /** Orchestrates one proposed state in one transaction; empty when the run does not exist. */
    Optional<Transition> setState(UUID id, StateCreate proposal, boolean force, ClientInfo client);

    /** Proposes {@code proposal} to each of up to {@code limit} matching runs, each in its own transaction. */
    List<Transition> bulkSetState(Criterion criterion, StateCreate proposal, boolean force, int limit, ClientInfo client);

    /** Resumes a paused run: RUNNING, or SCHEDULED "Resuming" when it was suspended; empty when missing. */
    Optional<Transition> resume(UUID id, JsonNode runInput, ClientInfo client);

    List<RunHistory.Bucket> history(Criterion criterion, Instant start, Instant end, Duration interval);

    /** Every state of the run, oldest first. */
    List<State> states(UUID flowRunId);

    Optional<State> readState(UUID stateId);
}
