package io.baton.events;

import static io.baton.events.RecorderRows.copy;
import static io.baton.events.RecorderRows.taskRunId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.BatonServer;
import io.baton.app.Settings;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestDatabases;
import io.baton.testing.TestServers;
import io.baton.testing.TestSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The task run recorder fed over {@code /events/in}: the recorded client frames of real flow runs, then
 * out-of-order and re-keyed events, and durability across a restart.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class TaskRunRecorderTest {

    @Parameter
    DbKind db;

    BatonServer server;

    @BeforeEach
    void setUp() {
        server = TestServers.shared(db);
    }

    /** Sends the events over one socket and waits for the pong that confirms them. */
    private static void sendAll(BatonServer server, List<JsonNode> events) {
        try (TestSocket socket = TestSocket.authenticated(server, "/events/in")) {
            for (JsonNode e : events) {
                socket.send(e);
            }
            socket.pingAndAwaitPong();
        }
    }

    private Map<UUID, List<JsonNode>> replay(String recording) {
        List<JsonNode> events = RecorderRows.recordedEvents(recording);
        RecorderRows.flowRunIds(events).forEach(id -> RecorderRows.flowRun(server.database(), id));
        sendAll(server, events);
        Map<UUID, List<JsonNode>> byTaskRun = new LinkedHashMap<>();
        for (JsonNode e : events) {
            if (e.path("event").asText().startsWith("prefect.task-run.")) {
                byTaskRun.computeIfAbsent(taskRunId(e), k -> new ArrayList<>()).add(e);
            }
        }
        return byTaskRun;
    }

    private void assertRecorded(UUID id, List<JsonNode> events) {
        JsonNode last = events.getLast();
        var row = RecorderRows.taskRun(server.database(), id).orElseThrow();
        assertThat(row.stateType()).isEqualTo("COMPLETED");
        assertThat(row.stateName()).isEqualTo("Completed");
        assertThat(row.stateId()).isEqualTo(UUID.fromString(last.get("id").asText()));
        assertThat(row.runCount()).isEqualTo(last.path("payload").path("task_run").path("run_count").asInt());
        assertThat(row.taskKey()).isEqualTo(last.path("payload").path("task_run").path("task_key").asText());
        assertThat(row.startTime()).isNotNull();
        assertThat(row.endTime()).isNotNull();
        var states = RecorderRows.states(server.database(), id);
        assertThat(states).extracting(s -> s.id().toString())
                .containsExactlyElementsOf(events.stream().map(e -> e.get("id").asText()).toList());
        assertThat(states.getFirst().details().get("task_run_id").asText()).isEqualTo(id.toString());
        assertThat(states.getFirst().details().get("flow_run_id").asText()).isEqualTo(row.flowRunId().toString());
    }

    @Test
    void aFlowWithARetriedTaskEndsWithCompletedTaskRunsAndTheirWholeHistory() {
        Map<UUID, List<JsonNode>> runs = replay("flow-task-retry.jsonl");
        assertThat(runs).hasSize(2);
        runs.forEach(this::assertRecorded);
        List<Integer> runCounts = runs.keySet().stream()
                .map(id -> RecorderRows.taskRun(server.database(), id).orElseThrow().runCount()).toList();
        assertThat(runCounts).containsExactly(1, 2);
        UUID flaky = new ArrayList<>(runs.keySet()).get(1);
        assertThat(RecorderRows.states(server.database(), flaky)).extracting(RecorderRows.StateRow::name)
                .containsExactly("Pending", "Running", "AwaitingRetry", "Retrying", "Completed");
    }

    @Test
    void taskRetriesRecordEveryAttempt() {
        Map<UUID, List<JsonNode>> runs = replay("it-test_task_retries.jsonl");
        assertThat(runs).hasSize(1);
        runs.forEach(this::assertRecorded);
        UUID id = runs.keySet().iterator().next();
        assertThat(RecorderRows.taskRun(server.database(), id).orElseThrow().runCount()).isEqualTo(3);
        assertThat(RecorderRows.states(server.database(), id)).hasSize(5);
    }

    /** The recorded events of one task run, re-identified so that each test has its own run. */
    private List<JsonNode> freshTaskRun(UUID flowRun) {
        List<JsonNode> recorded = RecorderRows.recordedEvents("it-test_task_retries.jsonl").stream()
                .filter(e -> e.path("event").asText().startsWith("prefect.task-run.")).toList();
        UUID taskRun = UUID.randomUUID();
        String dynamicKey = UUID.randomUUID().toString();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : recorded) {
            ObjectNode copy = (ObjectNode) copy(e);
            copy.put("id", UUID.randomUUID().toString());
            copy.putNull("follows");
            ((ObjectNode) copy.get("resource")).put("prefect.resource.id", "prefect.task-run." + taskRun);
            for (JsonNode r : copy.get("related")) {
                if ("flow-run".equals(r.path("prefect.resource.role").asText())) {
                    ((ObjectNode) r).put("prefect.resource.id", "prefect.flow-run." + flowRun);
                }
            }
            ((ObjectNode) copy.get("payload").get("task_run")).put("dynamic_key", dynamicKey);
            out.add(copy);
        }
        return out;
    }

    @Test
    void outOfOrderEventsAddHistoryButNeverRegressTheRun() {
        UUID flowRun = UUID.randomUUID();
        RecorderRows.flowRun(server.database(), flowRun);
        List<JsonNode> events = freshTaskRun(flowRun);
        UUID id = taskRunId(events.getFirst());
        sendAll(server, List.of(events.getLast()));
        sendAll(server, events.subList(0, events.size() - 1).reversed());
        var row = RecorderRows.taskRun(server.database(), id).orElseThrow();
        assertThat(row.stateType()).isEqualTo("COMPLETED");
        assertThat(row.runCount()).isEqualTo(3);
        assertThat(row.stateId()).isEqualTo(UUID.fromString(events.getLast().get("id").asText()));
        assertThat(RecorderRows.states(server.database(), id)).hasSize(events.size());
    }

    @Test
    void aRunKnownUnderItsNaturalKeyKeepsItsStoredId() {
        UUID flowRun = UUID.randomUUID();
        RecorderRows.flowRun(server.database(), flowRun);
        List<JsonNode> events = freshTaskRun(flowRun);
        UUID id = taskRunId(events.getFirst());
        sendAll(server, events.subList(0, 2));
        // The same (flow_run_id, task_key, dynamic_key) under another task run id.
        UUID otherId = UUID.randomUUID();
        List<JsonNode> rest = new ArrayList<>();
        for (JsonNode e : events.subList(2, events.size())) {
            ObjectNode copy = (ObjectNode) copy(e);
            ((ObjectNode) copy.get("resource")).put("prefect.resource.id", "prefect.task-run." + otherId);
            rest.add(copy);
        }
        sendAll(server, rest);
        assertThat(RecorderRows.taskRun(server.database(), otherId)).isEmpty();
        var row = RecorderRows.taskRun(server.database(), id).orElseThrow();
        assertThat(row.stateType()).isEqualTo("COMPLETED");
        assertThat(RecorderRows.states(server.database(), id)).hasSize(events.size())
                .allSatisfy(s -> assertThat(s.details().get("task_run_id").asText()).isEqualTo(id.toString()));
    }

    @Test
    void eventsOfUnknownFlowRunsAreStoredButNotRecorded() {
        List<JsonNode> events = freshTaskRun(UUID.randomUUID());
        sendAll(server, events);
        assertThat(RecorderRows.taskRun(server.database(), taskRunId(events.getFirst()))).isEmpty();
        String eventId = events.getFirst().get("id").asText();
        assertThat(new ApiClient(server).post("/events/filter", Map.of("filter", Map.of("id", Map.of("id",
                List.of(eventId))))).expect(200).body().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void eventsConfirmedByAPongSurviveARestart() {
        Settings settings = Settings.from(Map.of()).withDatabase(TestDatabases.fresh(db))
                .withListen("127.0.0.1", 0).withServices(false);
        UUID flowRun = UUID.randomUUID();
        List<JsonNode> events = freshTaskRun(flowRun);
        UUID id = taskRunId(events.getFirst());
        try (BatonServer first = BatonServer.start(settings)) {
            RecorderRows.flowRun(first.database(), flowRun);
            sendAll(first, events);
        }
        try (BatonServer second = BatonServer.start(settings)) {
            var row = RecorderRows.taskRun(second.database(), id).orElseThrow();
            assertThat(row.stateType()).isEqualTo("COMPLETED");
            assertThat(RecorderRows.states(second.database(), id)).hasSize(events.size());
            JsonNode page = new ApiClient(second).post("/events/filter", Map.of("filter", Map.of("resource",
                    Map.of("id", List.of("prefect.task-run." + id))))).expect(200).body();
            assertThat(page.get("total").asLong()).isEqualTo(events.size());
        }
    }
}
