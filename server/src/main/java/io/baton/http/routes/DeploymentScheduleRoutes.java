package io.baton.http.routes;

import io.baton.domain.Times;
import io.baton.domain.deployment.DeploymentSchedule;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.storage.DeploymentStore;
import java.util.List;

/** {@code /deployments/{id}/schedules}: list, add, update and delete a deployment's schedules. */
public final class DeploymentScheduleRoutes implements RouteModule {

    private final DeploymentStore deployments;

    public DeploymentScheduleRoutes(DeploymentStore deployments) {
        this.deployments = deployments;
    }

    @Override
    public void register(ApiRouter r) {
        r.get("/deployments/{id}/schedules", call -> deployments.schedules(call.uuid("id"))
                .orElseThrow(() -> ApiException.notFound("Deployment")));
        r.post("/deployments/{id}/schedules", call -> {
            var specs = ScheduleBodies.specs(call.body(), List.of("body"), call.body(), Times.now());
            List<DeploymentSchedule> created = deployments.addSchedules(call.uuid("id"), specs)
                    .orElseThrow(() -> ApiException.notFound("Deployment"));
            return Reply.created(created);
        });
        r.patch("/deployments/{id}/schedules/{schedule_id}", call -> {
            var changes = ScheduleBodies.changes(call.body(), Times.now());
            if (deployments.read(call.uuid("id")).isEmpty()) {
                throw ApiException.notFound("Deployment");
            }
            if (!deployments.updateSchedule(call.uuid("id"), call.uuid("schedule_id"), changes)) {
                throw ApiException.notFound("Schedule");
            }
            return Reply.noContent();
        });
        r.delete("/deployments/{id}/schedules/{schedule_id}", call -> {
            if (deployments.read(call.uuid("id")).isEmpty()) {
                throw ApiException.notFound("Deployment");
            }
            if (!deployments.deleteSchedule(call.uuid("id"), call.uuid("schedule_id"))) {
                throw ApiException.notFound("Schedule");
            }
            return Reply.noContent();
        });
    }
}
