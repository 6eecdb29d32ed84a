package io.baton.domain.work;

import io.baton.domain.run.FlowRunRecord;
import java.util.UUID;

/**
 * A scheduled run handed to a polling worker ({@code WorkerFlowRunResponse}). Polling does not claim the run:
 * the worker proposes PENDING, and orchestration lets exactly one proposal through.
 */
public record WorkerFlowRun(UUID workPoolId, UUID workQueueId, FlowRunRecord run) {
}
