package io.baton.storage;

import io.baton.domain.filter.Criterion;
import io.baton.domain.run.TaskRunRecord;
import io.baton.domain.view.FlowRunGraph;
import io.baton.domain.view.NextFlowRun;
import io.baton.domain.view.TaskRunDashboard;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Read-only aggregates over runs for the UI: counts per object, lateness, dashboards and run graphs. */
public interface RunViewStore {

    /** Deployments per flow, for the flows present in {@code flowIds} that have any. */
    Map<UUID, Long> deploymentCounts(Collection<UUID> flowIds);

    /** The SCHEDULED run with the earliest next scheduled start time of each flow that has one. */
    Map<UUID, NextFlowRun> nextRuns(Collection<UUID> flowIds);

    /** Task runs per flow run, subflow parent task runs left out. */
    Map<UUID, Long> taskRunCounts(Collection<UUID> flowRunIds);

    /** Matching task runs per state type. */
    Map<String, Long> taskRunCountsByState(Criterion taskRunCriterion);

    /** Start time and state type of the matching task runs. */
    List<TaskRunDashboard.Sample> taskRunSamples(Criterion taskRunCriterion);

    /** The mean of the matching flow runs' estimated start time deltas in seconds; empty when none match. */
    Optional<Double> averageLateness(Criterion flowRunCriterion, Instant now);

    Optional<String> flowRunName(UUID flowRunId);

    /** Every task run of the flow run, oldest first, at most {@code limit}. */
    List<TaskRunRecord> taskRunsOf(UUID flowRunId, int limit);

    /**
     * The flow run's timeline graph; empty when the run does not exist.
     *
     * @throws FlowRunGraph.TooLargeException when it has more than {@code maxNodes} nodes
     */
    Optional<FlowRunGraph.Graph> graph(UUID flowRunId, Instant since, int maxNodes, int maxArtifacts);
}
