package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.Settings;
import io.baton.domain.Change;
import io.baton.domain.Times;
import io.baton.domain.deployment.Deployment;
import io.baton.domain.deployment.DeploymentWrite;
import io.baton.domain.deployment.ScheduleSpec;
import io.baton.domain.deployment.ScheduleUpdate;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Filters;
import io.baton.http.Paging;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.services.DeploymentScheduler;
import io.baton.storage.DeploymentStore;
import io.baton.storage.RejectedRequestException;
import io.baton.storage.jdbc.filter.FilterTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /deployments}: upsert, read (by id and by flow/deployment name), update, delete, filter, count,
 * paginate, bulk delete, pause/resume, backfill scheduling and the legacy work-queue check.
 */
public final class DeploymentRoutes implements RouteModule {

    private final DeploymentStore deployments;
    private final DeploymentScheduler scheduler;
    private final DeploymentInputs inputs;
    private final Settings settings;

    public DeploymentRoutes(DeploymentStore deployments, DeploymentScheduler scheduler, DeploymentInputs inputs,
            Settings settings) {
        this.deployments = deployments;
        this.scheduler = scheduler;
        this.inputs = inputs;
        this.settings = settings;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/deployments/", call -> {
            JsonNode body = call.body();
            inputs.checkCreate(body.path("work_pool_name").asText(null), body.get("job_variables"));
            DeploymentWrite write = write(body, body.get("name").asText(), UUID.fromString(body.get("flow_id").asText()));
            var upserted = StoreErrors.call(() -> deployments.upsert(write));
            return Reply.createdOrOk(upserted.created(), upserted.value());
        });
        r.get("/deployments/{id}", call -> found(deployments.read(call.uuid("id")).orElse(null)));
        r.get("/deployments/name/{flow_name}/{deployment_name}", call ->
                found(deployments.readByName(call.path("flow_name"), call.path("deployment_name")).orElse(null)));
        r.patch("/deployments/{id}", call -> {
            ObjectNode body = ((ObjectNode) call.body()).deepCopy();
            String pool = body.path("work_pool_name").asText(null);
            if ((pool != null || body.hasNonNull("parameters")) && deployments.read(call.uuid("id")).isEmpty()) {
                throw ApiException.notFound("Deployment"); // before the checks, as Prefect answers
            }
            inputs.checkUpdate(pool, body.get("job_variables"));
            if (body.hasNonNull("parameters")) {
                body.set("parameters", inputs.hydrate(body.get("parameters"), "Error hydrating deployment parameters"));
            }
            DeploymentWrite changes = write(body, null, null);
            boolean updated;
            try {
                updated = StoreErrors.call(() -> deployments.update(call.uuid("id"), changes));
            } catch (RejectedRequestException e) {
                throw ApiException.detail(422, e.getMessage()); // the schedules cannot be updated by slug
            }
            if (!updated) {
                throw ApiException.notFound("Deployment");
            }
            return Reply.noContent();
        });
        r.delete("/deployments/{id}", call -> {
            if (!deployments.delete(call.uuid("id"))) {
                throw ApiException.notFound("Deployment");
            }
            return Reply.noContent();
        });
        r.post("/deployments/filter", call ->
                deployments.filter(Filters.query(call.body(), FilterTargets.DEPLOYMENT, settings.defaultLimit())));
        r.post("/deployments/count", call -> deployments.count(Filters.criterion(call.body(), FilterTargets.DEPLOYMENT)));
        r.post("/deployments/paginate", call -> {
            JsonNode body = call.body();
            int limit = Paging.limit(body, settings.defaultLimit());
            int page = Paging.page(body);
            Criterion criterion = Filters.criterion(body, FilterTargets.DEPLOYMENT);
            List<Deployment> results = deployments.filter(new Query(criterion, Paging.sort(body), limit, (page - 1) * limit));
            return Paging.Page.of(results, deployments.count(criterion), limit, page);
        });
        r.post("/deployments/bulk_delete", call -> {
            int limit = call.body().path("limit").asInt(50);
            return Map.of("deleted", deployments.bulkDelete(Filters.criterion(call.body(), FilterTargets.DEPLOYMENT), limit));
        });
        r.post("/deployments/{id}/pause_deployment", call -> {
            if (!deployments.setPaused(call.uuid("id"), true)) {
                throw ApiException.notFound("Deployment");
            }
            return Reply.ok(null);
        });
        r.post("/deployments/{id}/resume_deployment", call -> {
            if (!deployments.setPaused(call.uuid("id"), false)) {
                throw ApiException.notFound("Deployment");
            }
            return Reply.ok(null);
        });
        r.post("/deployments/{id}/schedule", call -> {
            JsonNode body = call.body();
            Deployment deployment = found(deployments.read(call.uuid("id")).orElse(null));
            Instant start = body.hasNonNull("start_time") ? Times.parse(body.get("start_time").asText())
                    : settings.clock().instant();
            Instant end = body.hasNonNull("end_time") ? Times.parse(body.get("end_time").asText()) : null;
            Duration minTime = body.hasNonNull("min_time")
                    ? Duration.ofNanos((long) (body.get("min_time").asDouble() * 1e9)) : null;
            Integer minRuns = body.hasNonNull("min_runs") ? body.get("min_runs").asInt() : null;
            Integer maxRuns = body.hasNonNull("max_runs") ? body.get("max_runs").asInt() : null;
            scheduler.backfill(deployment, start, end, minTime, minRuns, maxRuns);
            return Reply.ok(null);
        });
        r.get("/deployments/{id}/work_queue_check", call -> deployments.workQueueCheck(call.uuid("id"))
                .orElseThrow(() -> ApiException.notFound("Deployment")));
    }

    private static Deployment found(Deployment deployment) {
        if (deployment == null) {
            throw ApiException.notFound("Deployment");
        }
        return deployment;
    }

    /**
     * The set fields of a {@code DeploymentCreate} ({@code name} and {@code flowId} given: its schedules replace
     * the stored ones) or {@code DeploymentUpdate} body (its schedules go through {@link
     * io.baton.domain.deployment.SchedulePlan}).
     */
    private static DeploymentWrite write(JsonNode body, String name, UUID flowId) {
        Instant now = Times.now();
        boolean create = name != null;
        Change<List<ScheduleSpec>> schedules = create ? Change.of(body, "schedules",
                list -> ScheduleBodies.specs(list, List.of("body", "schedules"), body, now)) : null;
        Change<List<ScheduleUpdate>> scheduleUpdates = create ? null : Change.of(body, "schedules",
                list -> ScheduleBodies.updates(list, List.of("body", "schedules"), body, now));
        return new DeploymentWrite(name, flowId,
                Change.text(body, "version"),
                Change.text(body, "description"),
                Change.bool(body, "paused"),
                schedules,
                Change.integer(body, "concurrency_limit"),
                Change.json(body, "concurrency_options"),
                Change.of(body, "global_concurrency_limit_id", v -> UUID.fromString(v.asText())),
                Change.bool(body, "enforce_parameter_schema"),
                Change.json(body, "parameter_openapi_schema"),
                Change.json(body, "parameters"),
                Change.of(body, "tags", Json::stringList),
                Change.json(body, "labels"),
                Change.json(body, "pull_steps"),
                Change.text(body, "work_queue_name"),
                Change.text(body, "work_pool_name"),
                Change.of(body, "storage_document_id", v -> UUID.fromString(v.asText())),
                Change.of(body, "infrastructure_document_id", v -> UUID.fromString(v.asText())),
                Change.text(body, "path"),
                Change.text(body, "entrypoint"),
                Change.json(body, "job_variables"),
                scheduleUpdates);
    }
}
