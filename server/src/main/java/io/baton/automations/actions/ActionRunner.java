package io.baton.automations.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.automations.AutomationEvents;
import io.baton.json.Json;
import java.time.Clock;
import java.util.UUID;

/**
 * Runs one automation action against this server's API (every open-source action type). {@code source:
 * selected} actions name their target; {@code inferred} ones take it from the triggering event.
 */
public final class ActionRunner {

    /** What an action touched ({@code related} of its events) and what it adds to their payload. */
    public record Outcome(ArrayNode targets, ObjectNode payload) {}

    private final LoopbackApi api;
    private final Notifications notifications;
    private final Clock clock;

    public ActionRunner(LoopbackApi api, Notifications notifications, Clock clock) {
        this.api = api;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * Runs the action for the firing context ({@code PendingAction.firing}); {@code targets} is filled as the
     * targets become known, so a failure still reports them.
     *
     * @throws ActionFailed when the action could not do its work
     */
    public Outcome run(JsonNode action, JsonNode firing, ArrayNode targets) {
        JsonNode automation = firing.get("automation");
        UUID automationId = UUID.fromString(automation.path("id").asText());
        String automationName = automation.path("name").asText();
        ActionContext context = new ActionContext(api, firing, automationId, automationName);
        ObjectNode payload = Json.object();
        String type = action.path("type").asText();
        switch (type) {
            case "do-nothing" -> { }
            case "run-deployment" -> runDeployment(action, context, targets, payload);
            case "pause-deployment", "resume-deployment" -> {
                String id = context.target(action, "deployment_id", "prefect.deployment.", "deployment");
                targets.add(AutomationEvents.role("prefect.deployment." + id, "target"));
                String verb = type.startsWith("pause") ? "pause_deployment" : "resume_deployment";
                expectOk(type, payload, context.call("POST", "/deployments/" + id + "/" + verb, Json.object()));
            }
            case "pause-work-queue", "resume-work-queue" -> {
                String id = context.target(action, "work_queue_id", "prefect.work-queue.", "work-queue");
                targets.add(AutomationEvents.role("prefect.work-queue." + id, "target"));
                expectOk(type, payload, context.call("PATCH", "/work_queues/" + id,
                        Json.object().put("is_paused", type.startsWith("pause"))));
            }
            case "pause-work-pool", "resume-work-pool" -> {
                String id = context.target(action, "work_pool_id", "prefect.work-pool.", "work-pool");
                targets.add(AutomationEvents.role("prefect.work-pool." + id, "target"));
                String name = context.workPoolName(id);
                expectOk(type, payload, context.call("PATCH", "/work_pools/" + ActionContext.encode(name),
                        Json.object().put("is_paused", type.startsWith("pause"))));
            }
            case "pause-automation", "resume-automation" -> {
                String id = context.target(action, "automation_id", "prefect.automation.", "automation");
                targets.add(AutomationEvents.role("prefect.automation." + id, "target"));
                expectOk(type, payload, context.call("PATCH", "/automations/" + id,
                        Json.object().put("enabled", type.startsWith("resume"))));
            }
            case "cancel-flow-run" -> {
                // A run that never started has nothing to tear down: it is cancelled at once, as the UI does.
                LoopbackApi.Response run = context.call("GET", "/flow_runs/" + context.flowRunId(), null);
                String current = run.body() == null ? "" : run.body().path("state_type").asText("");
                boolean idle = current.equals("SCHEDULED") || current.equals("PAUSED") || current.equals("PENDING");
                setFlowRunState(type, context, targets, payload, idle
                        ? state("CANCELLED", "Cancelled", "Cancelled by an automation.")
                        : state("CANCELLING", "Cancelling", "Cancelled by an automation."), true);
            }
            case "suspend-flow-run" -> {
                ObjectNode state = state("PAUSED", "Suspended", "Suspended by an automation.");
                state.set("state_details", Json.object().put("pause_reschedule", true)
                        .put("pause_timeout", Json.timestamp(clock.instant().plusSeconds(3600))));
                setFlowRunState(type, context, targets, payload, state, true);
            }
            case "resume-flow-run" -> {
                String id = context.flowRunId();
                targets.add(AutomationEvents.role("prefect.flow-run." + id, "target"));
                LoopbackApi.Response r = context.call("POST", "/flow_runs/" + id + "/resume", Json.object());
                expectOk(type, null, r);
                String status = r.body() == null ? "" : r.body().path("status").asText("");
                if (!status.isEmpty() && !status.equals("ACCEPT")) {
                    throw new ActionFailed("Failed to resume flow run: " + r.body().path("details").path("reason").asText(status));
                }
            }
            case "change-flow-run-state" -> {
                String message = action.path("message").isTextual() ? context.render(action.get("message").asText()) : null;
                ObjectNode state = state(action.path("state").asText(),
                        action.path("name").isTextual() ? action.get("name").asText() : null, message);
                setFlowRunState(type, context, targets, payload, state, action.path("force").asBoolean(false));
            }
            case "send-notification" -> {
                JsonNode block = context.block(action.path("block_document_id").asText(), targets);
                notifications.send(block, context.render(action.path("subject").asText("Prefect automated notification")),
                        context.render(action.path("body").asText("")));
            }
            case "call-webhook" -> {
                JsonNode block = context.block(action.path("block_document_id").asText(), targets);
                payload.setAll(notifications.callWebhook(block, context.render(action.path("payload").asText(""))));
            }
            default -> throw new ActionFailed("Unknown action type " + type);
        }
        return new Outcome(targets, payload);
    }

    private void runDeployment(JsonNode action, ActionContext context, ArrayNode targets, ObjectNode payload) {
        String id = context.target(action, "deployment_id", "prefect.deployment.", "deployment");
        targets.add(AutomationEvents.role("prefect.deployment." + id, "target"));
        ObjectNode body = Json.object();
        JsonNode parameters = action.get("parameters");
        if (parameters != null && !parameters.isNull()) {
            body.set("parameters", context.renderTree(parameters));
        }
        JsonNode jobVariables = action.get("job_variables");
        if (jobVariables != null && !jobVariables.isNull()) {
            body.set("job_variables", context.renderTree(jobVariables));
        }
        double after = action.path("schedule_after").asDouble(0);
        ObjectNode state = state("SCHEDULED", "Scheduled", null);
        state.set("state_details", Json.object().put("scheduled_time",
                Json.timestamp(clock.instant().plusMillis(Math.round(after * 1000)))));
        body.set("state", state);
        LoopbackApi.Response r = context.call("POST", "/deployments/" + id + "/create_flow_run", body);
        expectOk("run-deployment", payload, r);
        if (r.body() != null && r.body().hasNonNull("id")) {
            targets.add(Json.object().put("prefect.resource.id", "prefect.flow-run." + r.body().get("id").asText())
                    .put("prefect.resource.role", "flow-run")
                    .put("prefect.resource.name", r.body().path("name").asText()));
        }
    }

    private void setFlowRunState(String type, ActionContext context, ArrayNode targets, ObjectNode payload,
                                 ObjectNode state, boolean force) {
        String id = context.flowRunId();
        targets.add(AutomationEvents.role("prefect.flow-run." + id, "target"));
        ObjectNode body = Json.object();
        body.set("state", state);
        body.put("force", force);
        LoopbackApi.Response r = context.call("POST", "/flow_runs/" + id + "/set_state", body);
        expectOk(type, payload, r);
        String status = r.body() == null ? "" : r.body().path("status").asText("");
        if (!status.isEmpty() && !status.equals("ACCEPT")) {
            throw new ActionFailed("Failed to set state: " + r.body().path("details").path("reason").asText(status));
        }
    }

    private static ObjectNode state(String type, String name, String message) {
        ObjectNode s = Json.object().put("type", type);
        if (name != null) {
            s.put("name", name);
        }
        if (message != null) {
            s.put("message", message);
        }
        return s;
    }

    private static void expectOk(String type, ObjectNode payload, LoopbackApi.Response r) {
        if (!r.ok()) {
            String detail = r.body() == null ? "" : ": " + r.body().path("detail").asText(r.body().toString());
            throw new ActionFailed("Unexpected status from " + type + " action: " + r.status() + detail);
        }
        if (payload != null) {
            payload.put("status_code", r.status());
        }
    }
}
