package io.baton.events;

import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.FlowTable.FLOW;
import static io.baton.storage.jdbc.tables.TaskRunTable.TASK_RUN;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.storage.jdbc.ColumnTypes;
import io.baton.testing.Replay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Test-only access to the rows around the recorder: flow runs to hang task runs on, task runs and states. */
final class RecorderRows {

    private RecorderRows() {}

    record TaskRunRow(UUID id, UUID flowRunId, String name, String taskKey, String dynamicKey, String stateType,
                      String stateName, UUID stateId, Instant stateTimestamp, int runCount, Instant startTime,
                      Instant endTime, double totalRunTime) {}

    record StateRow(UUID id, String type, String name, Instant timestamp, JsonNode details) {}

    /** Creates a flow run row (and a flow for it) with the given id, as the flow-run API would have. */
    static void flowRun(Database db, UUID id) {
        db.writeVoid(dsl -> {
            UUID flow = UUID.randomUUID();
            dsl.insertInto(FLOW.table()).set(FLOW.ID, flow).set(FLOW.NAME, "flow-" + flow).execute();
            dsl.insertInto(FLOW_RUN.table()).set(FLOW_RUN.ID, id).set(FLOW_RUN.FLOW_ID, flow)
                    .set(FLOW_RUN.NAME, "run-" + id).onConflictDoNothing().execute();
        });
    }

    static Optional<TaskRunRow> taskRun(Database db, UUID id) {
        return db.read(dsl -> dsl.select(TASK_RUN.ID, TASK_RUN.FLOW_RUN_ID, TASK_RUN.NAME, TASK_RUN.TASK_KEY,
                        TASK_RUN.DYNAMIC_KEY, TASK_RUN.STATE_TYPE, TASK_RUN.STATE_NAME, TASK_RUN.STATE_ID,
                        TASK_RUN.STATE_TIMESTAMP, TASK_RUN.RUN_COUNT, TASK_RUN.START_TIME, TASK_RUN.END_TIME,
                        TASK_RUN.TOTAL_RUN_TIME)
                .from(TASK_RUN.table()).where(TASK_RUN.ID.eq(id))
                .fetchOptional(r -> new TaskRunRow(r.get(TASK_RUN.ID), r.get(TASK_RUN.FLOW_RUN_ID), r.get(TASK_RUN.NAME),
                        r.get(TASK_RUN.TASK_KEY), r.get(TASK_RUN.DYNAMIC_KEY), r.get(TASK_RUN.STATE_TYPE),
                        r.get(TASK_RUN.STATE_NAME), r.get(TASK_RUN.STATE_ID), r.get(TASK_RUN.STATE_TIMESTAMP),
                        r.get(TASK_RUN.RUN_COUNT), r.get(TASK_RUN.START_TIME), r.get(TASK_RUN.END_TIME),
                        r.get(TASK_RUN.TOTAL_RUN_TIME))));
    }

    static List<StateRow> states(Database db, UUID taskRunId) {
        Field<UUID> id = DSL.field(DSL.name("id"), ColumnTypes.UUID_TYPE);
        Field<UUID> taskRun = DSL.field(DSL.name("task_run_id"), ColumnTypes.UUID_TYPE);
        Field<String> type = DSL.field(DSL.name("type"), String.class);
        Field<String> name = DSL.field(DSL.name("name"), String.class);
        Field<Instant> timestamp = DSL.field(DSL.name("timestamp"), ColumnTypes.INSTANT);
        Field<JsonNode> details = DSL.field(DSL.name("state_details"), ColumnTypes.JSON);
        return db.read(dsl -> dsl.select(id, type, name, timestamp, details).from(DSL.table(DSL.name("task_run_state")))
                .where(taskRun.eq(taskRunId)).orderBy(timestamp)
                .fetch((Record r) -> new StateRow(r.get(id), r.get(type), r.get(name), r.get(timestamp), r.get(details))));
    }

    /** The client->server event frames of a recording's /events/in connections, in order (auth frames left out). */
    static List<JsonNode> recordedEvents(String recording) {
        List<JsonNode> lines = Replay.lines(recording);
        Set<Integer> eventsIn = new LinkedHashSet<>();
        for (JsonNode l : lines) {
            if ("ws_open".equals(l.path("kind").asText()) && l.path("path").asText().equals("/api/events/in")) {
                eventsIn.add(l.path("conn").asInt());
            }
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode l : lines) {
            if ("ws_msg".equals(l.path("kind").asText()) && "client->server".equals(l.path("direction").asText())
                    && eventsIn.contains(l.path("conn").asInt()) && l.path("data").has("event")) {
                out.add(l.get("data"));
            }
        }
        return out;
    }

    /** Flow run ids the events name as their related {@code flow-run}. */
    static Set<UUID> flowRunIds(List<JsonNode> events) {
        Set<UUID> out = new LinkedHashSet<>();
        for (JsonNode e : events) {
            for (JsonNode r : e.path("related")) {
                if ("flow-run".equals(r.path("prefect.resource.role").asText())) {
                    out.add(UUID.fromString(r.path("prefect.resource.id").asText().substring("prefect.flow-run.".length())));
                }
            }
        }
        return out;
    }

    static UUID taskRunId(JsonNode event) {
        return UUID.fromString(event.path("resource").path("prefect.resource.id").asText().substring("prefect.task-run.".length()));
    }

    static JsonNode copy(JsonNode n) {
        return Json.read(n.toString());
    }
}
