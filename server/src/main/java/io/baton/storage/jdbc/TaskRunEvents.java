package io.baton.storage.jdbc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.orchestration.SideEffect.EmitFlowRunStateEvent;
import io.baton.domain.run.TaskRun;
import io.baton.domain.state.State;
import io.baton.json.Json;
import java.time.Duration;
import java.util.UUID;

/**
 * The {@code prefect.task-run.<StateName>} event of a task-run transition the server orchestrated
 * ({@code /task_runs/{id}/set_state}, a subflow's parent task): labelled {@code prefect.orchestration: server}
 * so the task run recorder leaves it alone; the run's flow run and tags are related.
 */
final class TaskRunEvents {

    private TaskRunEvents() {}

    static ObjectNode build(TaskRun run, State previous, State validated) {
        ObjectNode event = Json.object();
        event.put("occurred", Json.timestamp(validated.timestamp()));
        event.put("event", "prefect.task-run." + validated.name());
        ObjectNode resource = event.putObject("resource");
        resource.put("prefect.resource.id", "prefect.task-run." + run.id());
        resource.put("prefect.resource.name", run.name());
        resource.put("prefect.state-message", FlowRunEvents.truncate(validated.message() == null ? "" : validated.message()));
        resource.put("prefect.state-name", validated.name() == null ? "" : validated.name());
        resource.put("prefect.state-timestamp", Json.timestamp(validated.timestamp()));
        resource.put("prefect.state-type", validated.type().name());
        resource.put("prefect.orchestration", "server");
        ArrayNode related = event.putArray("related");
        if (run.flowRunId() != null) {
            related.add(Json.object().put("prefect.resource.id", "prefect.flow-run." + run.flowRunId())
                    .put("prefect.resource.role", "flow-run"));
        }
        if (run.tags() != null) {
            run.tags().stream().distinct().sorted().forEach(tag -> related.add(Json.object()
                    .put("prefect.resource.id", "prefect.tag." + tag).put("prefect.resource.role", "tag")));
        }
        ObjectNode payload = event.putObject("payload");
        ObjectNode intended = payload.putObject("intended");
        if (previous == null) {
            intended.putNull("from");
            payload.putNull("initial_state");
        } else {
            intended.put("from", previous.type().name());
            payload.set("initial_state", FlowRunEvents.state(previous));
        }
        intended.put("to", validated.type().name());
        payload.set("validated_state", FlowRunEvents.state(validated));
        event.put("id", validated.id().toString());
        UUID follows = previous == null || Duration.between(previous.timestamp(), validated.timestamp()).abs()
                .compareTo(EmitFlowRunStateEvent.FOLLOWS_WINDOW) > 0 ? null : previous.id();
        if (follows == null) {
            event.putNull("follows");
        } else {
            event.put("follows", follows.toString());
        }
        return event;
    }
}
