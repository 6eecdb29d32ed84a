package io.baton.http.routes;

import static io.baton.http.routes.RunRequests.client;
import static io.baton.http.routes.RunRequests.json;
import static io.baton.http.routes.RunRequests.text;
import static io.baton.http.routes.RunRequests.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Upserted;
import io.baton.domain.deployment.Deployment;
import io.baton.domain.deployment.ParameterSchema;
import io.baton.domain.orchestration.ClientInfo;
import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.run.NewFlowRun;
import io.baton.domain.run.RunJson;
import io.baton.domain.state.StateCreate;
import io.baton.domain.state.StateDetails;
import io.baton.domain.state.StateType;
import io.baton.domain.work.WorkQueue;
import io.baton.domain.work.WorkQueueSpec;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.DeploymentStore;
import io.baton.storage.FlowRunStore;
import io.baton.storage.WorkQueueStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /deployments/{id}/create_flow_run} and its bulk form: runs made from a deployment, with its parameters
 * under the caller's, its tags joined with the caller's, its work queue (or a named queue of its pool, created on
 * demand) and, unless a state is given, Scheduled for now.
 */
public final class DeploymentRunRoutes implements RouteModule {

    /** The most runs one bulk request may create. */
    static final int MAX_BULK = 100;

    private final DeploymentStore deployments;
    private final FlowRunStore runs;
    private final WorkQueueStore queues;
    private final DeploymentInputs inputs;
    private final Clock clock;

    public DeploymentRunRoutes(DeploymentStore deployments, FlowRunStore runs, WorkQueueStore queues,
            DeploymentInputs inputs, Clock clock) {
        this.deployments = deployments;
        this.runs = runs;
        this.queues = queues;
        this.inputs = inputs;
        this.clock = clock;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/deployments/{id}/create_flow_run", call -> {
            Deployment deployment = deployment(call.uuid("id"));
            Upserted<FlowRunRecord> run = create(deployment, call.body(), client(call));
            return Reply.createdOrOk(run.created(), FlowRunJson.flowRun(run.value(), clock.instant()));
        });
        r.post("/deployments/{id}/create_flow_run/bulk", call -> {
            JsonNode items = call.body();
            if (items.size() > MAX_BULK) {
                throw ApiException.detail(422, "Cannot create more than " + MAX_BULK + " flow runs at once.");
            }
            Deployment deployment = deployment(call.uuid("id"));
            ClientInfo client = client(call);
            ObjectNode out = Json.object();
            var results = out.putArray("results");
            for (JsonNode item : items) {
                ObjectNode result = results.addObject();
                try {
                    Upserted<FlowRunRecord> run = create(deployment, item, client);
                    result.put("flow_run_id", run.value().id().toString());
                    result.put("status", "CREATED");
                    result.putNull("error");
                } catch (ApiException e) {
                    result.putNull("flow_run_id");
                    result.put("status", "FAILED");
                    result.put("error", e.body().path("detail").asText(String.valueOf(e.body())));
                }
            }
            return out;
        });
    }

    private Deployment deployment(UUID id) {
        return deployments.read(id).orElseThrow(() -> ApiException.notFound("Deployment"));
    }

    private Upserted<FlowRunRecord> create(Deployment deployment, JsonNode body, ClientInfo client) {
        inputs.checkRun(deployment, body.get("job_variables"));
        ObjectNode merged = deployment.parameters() != null && deployment.parameters().isObject()
                ? ((ObjectNode) deployment.parameters()).deepCopy() : Json.object();
        JsonNode given = body.get("parameters");
        if (given != null && given.isObject()) {
            merged.setAll((ObjectNode) given);
        }
        JsonNode parameters = inputs.hydrate(merged, "Error hydrating flow run parameters");
        JsonNode enforce = body.get("enforce_parameter_schema");
        if (enforce != null && !enforce.isNull() ? enforce.asBoolean() : deployment.enforceParameterSchema()) {
            checkParameters(parameters, deployment.parameterOpenapiSchema());
        }
        UUID queueId = deployment.workQueueId();
        String queueName = deployment.workQueueName();
        String requestedQueue = text(body, "work_queue_name");
        if (requestedQueue != null && !requestedQueue.isEmpty()) {
            queueId = queueOfPool(deployment, requestedQueue).id();
            queueName = requestedQueue;
        }
        Set<String> tags = new LinkedHashSet<>(deployment.tags());
        tags.addAll(RunRequests.strings(body, "tags"));
        StateCreate state = StateJsonWriter.proposal(body.get("state"));
        if (state == null) {
            Instant now = clock.instant();
            state = new StateCreate(StateType.SCHEDULED, "Scheduled", null, null,
                    StateDetails.DEFAULT.withScheduledTime(now));
        }
        UUID infrastructure = uuid(body, "infrastructure_document_id");
        NewFlowRun run = new NewFlowRun(deployment.flowId(), text(body, "name"), state, null, parameters,
                json(body, "context"), uuid(body, "parent_task_run_id"),
                infrastructure != null ? infrastructure : deployment.infrastructureDocumentId(),
                RunJson.flowRunPolicy(body.get("empirical_policy")), new ArrayList<>(tags), json(body, "labels"),
                text(body, "idempotency_key"), null, queueName, json(body, "job_variables"), deployment.id(),
                deployment.version(), queueId);
        return RunRequests.refusals(() -> runs.create(run, client));
    }

    /** A 409 in the Python server's words when enforcement is on and the parameters do not fit. */
    private static void checkParameters(JsonNode parameters, JsonNode schema) {
        if (schema == null || schema.isNull()) {
            return; // stored as the empty schema: anything goes
        }
        if (!schema.isObject()) {
            throw ApiException.detail(409, "Error updating deployment: Cannot update parameters because parameter "
                    + "schema enforcement is enabled and the deployment does not have a valid parameter schema.");
        }
        if (ParameterSchema.circular(schema)) {
            throw ApiException.detail(409, "Error creating flow run: Circular schema reference detected.");
        }
        ParameterSchema.violation(parameters, schema).ifPresent(reason ->
                {
                    throw ApiException.detail(409, "Error creating flow run: " + reason);
                });
    }

    /** The named queue of the deployment's pool, created when it does not exist yet. */
    private WorkQueue queueOfPool(Deployment deployment, String name) {
        String pool = deployment.workPoolName();
        if (pool == null) {
            throw ApiException.detail(404, "Work pool queue '" + name + "' not found.");
        }
        return queues.read(pool, name).orElseGet(() -> {
            try {
                return StoreErrors.call(() -> queues.create(pool, new WorkQueueSpec(name, "", false, null, null, null)));
            } catch (ApiException e) {
                // Created by a concurrent request in the meantime.
                return queues.read(pool, name).orElseThrow(() -> e);
            }
        });
    }
}
