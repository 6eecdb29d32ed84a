package io.baton.domain.orchestration.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.run.RunBookkeeping;
import io.baton.domain.run.TaskRun;
import io.baton.domain.state.State;
import io.baton.domain.state.StateDetails;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static io.baton.domain.orchestration.recorder.JsonFields.*;

/**
 * Turns a client-orchestrated {@code prefect.task-run.*} event into the task run row and state the task run
 * recorder upserts. The client computed everything (run count, times, retries), so its values are taken as
 * sent; the state id and timestamp are the event's id and occurred time.
 */
public final class TaskRunEventMapper {
    private static final String TASK_RUN_EVENT = "prefect.task-run";
    private static final String TASK_RUN_RESOURCE = "prefect.task-run.";
    private static final String FLOW_RUN_RESOURCE = "prefect.flow-run.";

    private TaskRunEventMapper() {}

    /** The row and state to record. */
    public record RecordedTaskRun(TaskRun taskRun, State state) {}

    /** Empty for events the recorder ignores: other events, or task-run events not orchestrated by the client. */
    public static Optional<RecordedTaskRun> fromEvent(JsonNode event) {
        String name = text(event, "event");
        JsonNode resource = event.path("resource");
        if (name == null || !name.startsWith(TASK_RUN_EVENT)
                || !"client".equals(text(resource, "prefect.orchestration"))) {
            return Optional.empty();
        }
        String resourceId = text(resource, "prefect.resource.id");
        if (resourceId == null || !resourceId.startsWith(TASK_RUN_RESOURCE)) {
            return Optional.empty();
        }
        UUID taskRunId = UUID.fromString(resourceId.substring(TASK_RUN_RESOURCE.length()));
        UUID flowRunId = flowRunId(event.path("related"));

        JsonNode payload = event.path("payload");
        JsonNode validated = payload.path("validated_state");
        StateDetails details = StateJson.details(validated.get("state_details"))
                .withTaskRunId(taskRunId).withFlowRunId(flowRunId);
        State state = new State(UUID.fromString(text(event, "id")), StateJson.type(validated, "type"),
                text(validated, "name"), instant(event, "occurred"), text(validated, "message"),
                json(validated, "data"), details);

        JsonNode run = payload.path("task_run");
        Integer runCount = integer(run, "run_count");
        Duration totalRunTime = seconds(run, "total_run_time");
        RunBookkeeping bookkeeping = new RunBookkeeping(state.id(), state.type(), state.name(), state.timestamp(),
                runCount == null ? 0 : runCount, instant(run, "expected_start_time"),
                instant(run, "next_scheduled_start_time"), instant(run, "start_time"), instant(run, "end_time"),
                totalRunTime);
        Integer flowRunRunCount = integer(run, "flow_run_run_count");
        Instant cacheExpiration = instant(run, "cache_expiration");
        TaskRun taskRun = new TaskRun(taskRunId, flowRunId, text(run, "name"), text(run, "task_key"),
                text(run, "dynamic_key"), text(run, "cache_key"), cacheExpiration, text(run, "task_version"),
                StateJson.taskRunPolicy(run.get("empirical_policy")), strings(run, "tags"), json(run, "labels"),
                json(run, "task_inputs"), flowRunRunCount == null ? 0 : flowRunRunCount, bookkeeping);
        return Optional.of(new RecordedTaskRun(taskRun, state));
    }

    private static UUID flowRunId(JsonNode related) {
        for (JsonNode r : related) {
            String id = text(r, "prefect.resource.id");
            if ("flow-run".equals(text(r, "prefect.resource.role")) && id != null && id.startsWith(FLOW_RUN_RESOURCE)) {
                return UUID.fromString(id.substring(FLOW_RUN_RESOURCE.length()));
            }
        }
        return null;
    }
}
