package io.baton.http.routes;

import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.RouteModule;
import io.baton.storage.FlowRunStore;
import io.baton.storage.TaskRunStore;
import java.util.UUID;

/** {@code /flow_run_states} and {@code /task_run_states}: a run's state history and single states. */
public final class RunStateRoutes implements RouteModule {

    private final FlowRunStore flowRuns;
    private final TaskRunStore taskRuns;

    public RunStateRoutes(FlowRunStore flowRuns, TaskRunStore taskRuns) {
        this.flowRuns = flowRuns;
        this.taskRuns = taskRuns;
    }

    @Override
    public void register(ApiRouter r) {
        r.get("/flow_run_states/", call -> flowRuns.states(UUID.fromString(call.query().get("flow_run_id").asText()))
                .stream().map(StateJsonWriter::state).toList());
        r.get("/flow_run_states/{id}", call -> StateJsonWriter.state(flowRuns.readState(call.uuid("id"))
                .orElseThrow(() -> ApiException.notFound("Flow run state"))));
        r.get("/task_run_states/", call -> taskRuns.states(UUID.fromString(call.query().get("task_run_id").asText()))
                .stream().map(StateJsonWriter::state).toList());
        r.get("/task_run_states/{id}", call -> StateJsonWriter.state(taskRuns.readState(call.uuid("id"))
                .orElseThrow(() -> ApiException.notFound("Task run state"))));
    }
}
