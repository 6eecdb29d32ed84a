package io.baton.loadtool.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.loadtool.http.Json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Builds the {@code prefect.task-run.Pending|Running|Completed} events that the Prefect 3 client streams to
 * {@code /api/events/in} for one task run, with the keys and nesting of recorded client traffic. The event id
 * doubles as the state id, as in the client.
 */
public final class TaskRunEvents {
    private static final DateTimeFormatter OCCURRED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STATE_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);

    private final UUID taskRunId;
    private final String taskRunName;
    private final String taskKey;
    private final String dynamicKey;
    private final RunRef flowRun;
    private final RunRef flow;

    public TaskRunEvents(UUID taskRunId, String taskName, int index, RunRef flowRun, RunRef flow) {
        this.taskRunId = taskRunId;
        this.dynamicKey = UUID.randomUUID().toString();
        this.taskRunName = taskName + "-" + dynamicKey.substring(0, 3);
        this.taskKey = taskName + "-" + String.format("%08x", (taskName.hashCode() ^ index) & 0xFFFFFFFFL);
        this.flowRun = flowRun;
        this.flow = flow;
    }

    public UUID taskRunId() {
        return taskRunId;
    }

    /** Pending, Running and Completed events, {@code stepMicros} apart starting at {@code start}. */
    public List<ObjectNode> lifecycle(Instant start, long stepMicros) {
        Instant pendingAt = start;
        Instant runningAt = start.plusNanos(stepMicros * 1000);
        Instant completedAt = runningAt.plusNanos(stepMicros * 1000);
        ObjectNode pending = pending(pendingAt);
        ObjectNode running = running(pendingAt, runningAt, pending.get("id").asText());
        ObjectNode completed = completed(pendingAt, runningAt, completedAt, running.get("id").asText());
        return List.of(pending, running, completed);
    }

    public ObjectNode pending(Instant at) {
        ObjectNode taskRun = taskRun(0, at);
        taskRun.put("total_run_time", 0.0);
        return event("Pending", "PENDING", 0, at, null, null, stateDetails(false), taskRun, null);
    }

    public ObjectNode running(Instant pendingAt, Instant at, String follows) {
        ObjectNode taskRun = taskRun(1, pendingAt);
        taskRun.put("start_time", OCCURRED.format(at));
        taskRun.put("total_run_time", 0.0);
        return event("Running", "RUNNING", 1, at, "PENDING", "Pending", stateDetails(false), taskRun, follows);
    }

    public ObjectNode completed(Instant pendingAt, Instant runningAt, Instant at, String follows) {
        ObjectNode taskRun = taskRun(1, pendingAt);
        taskRun.put("start_time", OCCURRED.format(runningAt));
        taskRun.put("end_time", OCCURRED.format(at));
        long micros = (at.getEpochSecond() - runningAt.getEpochSecond()) * 1_000_000
                + (at.getNano() - runningAt.getNano()) / 1000;
        taskRun.put("total_run_time", micros / 1_000_000.0);
        return event("Completed", "COMPLETED", 1, at, "RUNNING", "Running", stateDetails(true), taskRun, follows);
    }

    private ObjectNode event(String stateName, String stateType, int runCount, Instant at,
                             String fromType, String fromName, ObjectNode validatedDetails,
                             ObjectNode taskRun, String follows) {
        ObjectNode event = Json.object();
        event.put("occurred", OCCURRED.format(at));
        event.put("event", "prefect.task-run." + stateName);

        ObjectNode resource = event.putObject("resource");
        resource.put("prefect.resource.id", "prefect.task-run." + taskRunId);
        resource.put("prefect.resource.name", taskRunName);
        resource.put("prefect.run-count", Integer.toString(runCount));
        resource.put("prefect.state-message", "");
        resource.put("prefect.state-name", stateName);
        resource.put("prefect.state-timestamp", STATE_TIMESTAMP.format(at));
        resource.put("prefect.state-type", stateType);
        resource.put("prefect.orchestration", "client");

        var related = event.putArray("related");
        related.addObject()
                .put("prefect.resource.id", "prefect.flow-run." + flowRun.id())
                .put("prefect.resource.role", "flow-run")
                .put("prefect.resource.name", flowRun.name());
        related.addObject()
                .put("prefect.resource.id", "prefect.flow." + flow.id())
                .put("prefect.resource.role", "flow")
                .put("prefect.resource.name", flow.name());

        ObjectNode payload = event.putObject("payload");
        ObjectNode intended = payload.putObject("intended");
        intended.put("from", fromType);
        intended.put("to", stateType);
        if (fromType == null) {
            payload.putNull("initial_state");
        } else {
            ObjectNode initial = payload.putObject("initial_state");
            initial.put("type", fromType);
            initial.put("name", fromName);
            initial.put("message", "");
            initial.putObject("state_details");
        }
        ObjectNode validated = payload.putObject("validated_state");
        validated.put("type", stateType);
        validated.put("name", stateName);
        validated.put("message", "");
        validated.set("state_details", validatedDetails);
        validated.putNull("data");
        payload.set("task_run", taskRun);

        event.put("id", Uuid7.at(at.toEpochMilli()).toString());
        if (follows == null) {
            event.putNull("follows");
        } else {
            event.put("follows", follows);
        }
        return event;
    }

    private static ObjectNode stateDetails(boolean completed) {
        ObjectNode details = Json.object();
        if (completed) {
            details.put("untrackable_result", true);
        }
        return details;
    }

    private ObjectNode taskRun(int runCount, Instant expectedStart) {
        ObjectNode taskRun = Json.object();
        taskRun.put("name", taskRunName);
        taskRun.put("task_key", taskKey);
        taskRun.put("dynamic_key", dynamicKey);
        ObjectNode policy = taskRun.putObject("empirical_policy");
        policy.put("max_retries", 0);
        policy.put("retry_delay_seconds", 0.0);
        policy.put("retries", 0);
        policy.put("retry_delay", 0);
        taskRun.putArray("tags");
        taskRun.putObject("labels");
        taskRun.putObject("task_inputs");
        taskRun.put("run_count", runCount);
        taskRun.put("flow_run_run_count", runCount);
        taskRun.put("expected_start_time", OCCURRED.format(expectedStart));
        return taskRun;
    }
}
