package io.baton.domain.run;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The task_run columns orchestration and the task run recorder read or write. {@code flowRunId} is null for
 * background tasks; {@code labels} and {@code taskInputs} are kept as JSON.
 */
public record TaskRun(UUID id, UUID flowRunId, String name, String taskKey, String dynamicKey, String cacheKey,
                      Instant cacheExpiration, String taskVersion, TaskRunPolicy empiricalPolicy, List<String> tags,
                      JsonNode labels, JsonNode taskInputs, int flowRunRunCount, RunBookkeeping bookkeeping)
        implements Run {

    public TaskRun {
        if (empiricalPolicy == null) {
            empiricalPolicy = TaskRunPolicy.DEFAULT;
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (bookkeeping == null) {
            bookkeeping = RunBookkeeping.EMPTY;
        }
    }

    /** A task run with only the columns orchestration cares about. */
    public static TaskRun of(UUID id, UUID flowRunId, String taskKey, List<String> tags, TaskRunPolicy policy) {
        return new TaskRun(id, flowRunId, null, taskKey, null, null, null, null, policy, tags, null, null, 0,
                RunBookkeeping.EMPTY);
    }

    public int runCount() {
        return bookkeeping.runCount();
    }

    @Override
    public TaskRun withBookkeeping(RunBookkeeping v) {
        return new TaskRun(id, flowRunId, name, taskKey, dynamicKey, cacheKey, cacheExpiration, taskVersion,
                empiricalPolicy, tags, labels, taskInputs, flowRunRunCount, v);
    }

    public TaskRun withFlowRunRunCount(int v) {
        return new TaskRun(id, flowRunId, name, taskKey, dynamicKey, cacheKey, cacheExpiration, taskVersion,
                empiricalPolicy, tags, labels, taskInputs, v, bookkeeping);
    }

    public TaskRun withEmpiricalPolicy(TaskRunPolicy v) {
        return new TaskRun(id, flowRunId, name, taskKey, dynamicKey, cacheKey, cacheExpiration, taskVersion, v,
                tags, labels, taskInputs, flowRunRunCount, bookkeeping);
    }
}
