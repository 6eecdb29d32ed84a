package io.baton.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.baton.events.EventBus;
import io.baton.json.Json;
import io.baton.logs.LogRecord;
import io.baton.logs.LogStream;
import io.baton.tasks.TaskQueues;
import io.baton.tasks.TaskWorkers;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What replicas tell each other, each in its own topic: events and logs committed here (for the other replicas'
 * live streams), deferred task runs queued here (for their task workers, who race for them through the delivery
 * claims) and task workers coming and going. Only events this process committed are sent, so an event relayed
 * from elsewhere is never sent back and never reaches the trigger engine here ({@link EventBus#relayed}).
 */
public final class ClusterRelays {

    private ClusterRelays() {}

    /** Connects the in-process fan-outs to the other replicas; nothing to do when alone on the database. */
    public static void connect(ClusterBus bus, EventBus events, LogStream logs, TaskQueues taskQueues,
                               TaskWorkers taskWorkers) {
        if (!bus.distributed()) {
            return;
        }
        events.subscribeCommittedHere(e -> bus.publish(Topics.EVENTS, Json.write(e)));
        bus.subscribe(Topics.EVENTS, body -> events.relayed(List.of(Json.read(body))));

        logs.announceTo(records -> bus.publish(Topics.LOGS, LogMessages.write(records)));
        bus.subscribe(Topics.LOGS, body -> logs.publishedElsewhere(LogMessages.read(body)));

        taskQueues.announceTo((id, key, retrying) -> bus.publish(Topics.TASK_RUNS, (retrying ? "r:" : "s:") + id + ":" + key));
        bus.subscribe(Topics.TASK_RUNS, body -> taskQueues.enqueueHere(UUID.fromString(body.substring(2, 38)),
                body.substring(39), body.charAt(0) == 'r'));

        taskWorkers.announceTo(new TaskWorkers.Announcements() {
            @Override
            public void observed(TaskWorkers.TaskWorker worker) {
                bus.publish(Topics.TASK_WORKERS, Json.write(Json.toTree(worker)));
            }

            @Override
            public void forgotten(String identifier) {
                bus.publish(Topics.TASK_WORKERS, Json.write(Json.object().put("forgotten", identifier)));
            }
        });
        bus.subscribe(Topics.TASK_WORKERS, body -> {
            JsonNode n = Json.read(body);
            if (n.has("forgotten")) {
                taskWorkers.forgottenElsewhere(n.get("forgotten").asText());
            } else {
                taskWorkers.observedElsewhere(Json.convert(n, TaskWorkers.TaskWorker.class));
            }
        });
    }

    /** Logs as a JSON array of Prefect's Log objects. */
    static final class LogMessages {
        private LogMessages() {}

        static String write(List<LogRecord> records) {
            ArrayNode out = Json.array();
            records.forEach(r -> out.add(Json.toTree(r)));
            return Json.write(out);
        }

        static List<LogRecord> read(String body) {
            List<LogRecord> out = new ArrayList<>();
            for (JsonNode n : Json.read(body)) {
                out.add(Json.convert(n, LogRecord.class));
            }
            return out;
        }
    }
}
