package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.Replay;
import io.baton.testing.TestServers;
import io.baton.testing.TestSocket;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Prefect flow end to end: all traffic of each flow recording (HTTP and the {@code /events/in} socket) replayed
 * in file order against a fresh server, then the REST API asked what the real server would have held afterwards:
 * every task run with its final state and run count, every flow run with its final state, run count and state
 * history, and the logs.
 */
@Tag("slow")
@ParameterizedClass
@EnumSource(DbKind.class)
class FlowRecordingsEndToEndTest {

    @Parameter
    DbKind db;

    /** What the recording says the server held at the end. */
    record Expected(Map<String, List<String>> flowRunStates, Map<String, JsonNode> lastTaskRunEvent,
                    Map<String, Integer> taskRunEvents, List<String> placeholderTaskRuns,
                    Map<String, Integer> logsByFlowRun) {}

    static Expected expected(String recording) {
        Map<String, List<String>> flowRuns = new LinkedHashMap<>();
        Map<String, JsonNode> lastEvent = new LinkedHashMap<>();
        Map<String, Integer> eventCounts = new LinkedHashMap<>();
        List<String> placeholders = new ArrayList<>();
        Map<String, Integer> logs = new LinkedHashMap<>();
        for (JsonNode line : Replay.lines(recording)) {
            String kind = line.path("kind").asText();
            if (kind.equals("http") && line.path("status").asInt() == 201) {
                String path = Replay.path(line);
                JsonNode resp = line.path("resp_body");
                if (path.equals("/api/flow_runs/")) {
                    flowRuns.put(resp.path("id").asText(), new ArrayList<>(List.of(resp.path("state").path("type").asText())));
                } else if (path.endsWith("/set_state") && path.startsWith("/api/flow_runs/")) {
                    flowRuns.get(path.split("/")[3]).add(resp.path("state").path("type").asText());
                } else if (path.equals("/api/task_runs/")) {
                    placeholders.add(resp.path("id").asText());
                } else if (path.equals("/api/logs/")) {
                    for (JsonNode record : line.path("req_body")) {
                        if (record.path("flow_run_id").isTextual()) {
                            logs.merge(record.path("flow_run_id").asText(), 1, Integer::sum);
                        }
                    }
                }
            } else if (kind.equals("ws_msg") && line.path("data").path("event").asText().startsWith("prefect.task-run.")) {
                JsonNode event = line.path("data");
                String id = event.path("resource").path("prefect.resource.id").asText().substring("prefect.task-run.".length());
                lastEvent.put(id, event);
                eventCounts.merge(id, 1, Integer::sum);
            }
        }
        return new Expected(flowRuns, lastEvent, eventCounts, placeholders, logs);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "flow-two-tasks.jsonl", "flow-task-retry.jsonl", "subflows.jsonl", "it-test_flow_results.jsonl",
        "it-test_hello_world.jsonl", "it-test_hello_tasks.jsonl", "it-test_flow_retries.jsonl",
        "it-test_task_retries.jsonl",
    })
    void aRecordedFlowRunsEndToEnd(String recording) {
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity());
             TestSocket subscriber = subscribeToFlowRunEvents(server)) {
            ApiClient api = new ApiClient(server);
            Replay replay = new Replay(api).withSockets(server).runTraffic(recording, line -> true);
            assertThat(replay.mismatches()).isEmpty();
            assertThat(replay.framesSent()).isPositive();
            Expected expected = expected(recording);
            Map<String, String> ids = replay.ids();
            int stateCount = expected.flowRunStates().values().stream().mapToInt(List::size).sum();
            Map<String, List<String>> flowRunEvents = flowRunStateEvents(subscriber, stateCount);

            expected.flowRunStates().forEach((recordedId, states) -> {
                String id = ids.getOrDefault(recordedId, recordedId);
                JsonNode run = api.get("/flow_runs/" + id).expect(200).body();
                assertThat(run.path("state_type").asText()).as("final state of flow run %s", recordedId)
                        .isEqualTo(states.getLast());
                assertThat(run.path("state").path("type").asText()).isEqualTo(states.getLast());
                long runningStates = states.stream().filter("RUNNING"::equals).count();
                assertThat(run.path("run_count").asLong()).as("run_count of flow run %s", recordedId)
                        .isEqualTo(runningStates);
                JsonNode history = api.get("/flow_run_states/?flow_run_id=" + id).expect(200).body();
                List<String> types = new ArrayList<>();
                history.forEach(s -> types.add(s.path("type").asText()));
                assertThat(types).as("state history of flow run %s", recordedId).containsExactlyElementsOf(states);
                List<String> stateEvents = new ArrayList<>();
                history.forEach(s -> stateEvents.add("prefect.flow-run." + s.path("name").asText()));
                assertThat(flowRunEvents.getOrDefault(id, List.of())).as("state events of flow run %s", recordedId)
                        .containsExactlyElementsOf(stateEvents);
            });

            List<String> taskRunIds = new ArrayList<>(expected.lastTaskRunEvent().keySet());
            expected.placeholderTaskRuns().forEach(p -> taskRunIds.add(ids.getOrDefault(p, p)));
            JsonNode taskRuns = api.post("/task_runs/filter",
                    Map.of("task_runs", Map.of("id", Map.of("any_", taskRunIds)))).expect(200).body();
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            taskRuns.forEach(t -> byId.put(t.path("id").asText(), t));
            assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(taskRunIds);
            expected.lastTaskRunEvent().forEach((id, last) -> {
                JsonNode run = byId.get(id);
                String type = last.path("resource").path("prefect.state-type").asText();
                assertThat(type).isIn("COMPLETED", "FAILED", "CRASHED");
                assertThat(run.path("state_type").asText()).as("final state of task run %s", id).isEqualTo(type);
                assertThat(run.path("state").path("id").asText()).isEqualTo(last.path("id").asText());
                assertThat(run.path("run_count").asInt()).as("run_count of task run %s", id)
                        .isEqualTo(last.path("payload").path("task_run").path("run_count").asInt());
                assertThat(run.path("flow_run_id").asText())
                        .isEqualTo(ids.getOrDefault(flowRunOf(last), flowRunOf(last)));
                JsonNode states = api.get("/task_run_states/?task_run_id=" + id).expect(200).body();
                assertThat(states.size()).as("states of task run %s", id)
                        .isEqualTo(expected.taskRunEvents().get(id));
            });
            for (String placeholder : expected.placeholderTaskRuns()) {
                // A subflow's parent task run follows its subflow: the child flow run completed, so did it.
                JsonNode run = byId.get(ids.getOrDefault(placeholder, placeholder));
                assertThat(run.path("state_type").asText()).isEqualTo("COMPLETED");
            }

            expected.logsByFlowRun().forEach((recordedId, count) -> {
                String id = ids.getOrDefault(recordedId, recordedId);
                JsonNode logs = api.post("/logs/filter", Map.of("logs", Map.of("flow_run_id", Map.of("any_", List.of(id)))))
                        .expect(200).body();
                assertThat(logs.size()).as("logs of flow run %s", recordedId).isEqualTo(count);
            });
        }
    }

    /** A live {@code /events/out} subscriber to every flow-run event, opened before the replay. */
    private static TestSocket subscribeToFlowRunEvents(BatonServer server) {
        TestSocket socket = TestSocket.authenticated(server, "/events/out");
        ObjectNode filter = Json.object();
        filter.set("occurred", Json.object().put("since", Json.timestamp(Instant.now().minusSeconds(600)))
                .put("until", Json.timestamp(Instant.now().plusSeconds(3600))));
        filter.set("event", Json.object().set("prefix", Json.array().add("prefect.flow-run.")));
        ObjectNode message = Json.object().put("type", "filter").put("backfill", false);
        message.set("filter", filter);
        socket.send(message);
        socket.pingAndAwaitPong();
        return socket;
    }

    /**
     * The flow-run state events (heartbeats aside) the subscriber received, by flow run, in arrival order. Server
     * events are published after their transaction commits, so this reads until {@code expected} have arrived (or
     * the socket stays silent).
     */
    private static Map<String, List<String>> flowRunStateEvents(TestSocket socket, int expected) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int received = 0;
        while (received < expected) {
            JsonNode frame = socket.next();
            if (frame == null) {
                break;
            }
            JsonNode event = frame.path("event");
            String name = event.path("event").asText();
            if (!name.equals("prefect.flow-run.heartbeat")) {
                String id = event.path("resource").path("prefect.resource.id").asText().substring("prefect.flow-run.".length());
                out.computeIfAbsent(id, k -> new ArrayList<>()).add(name);
                received++;
            }
        }
        return out;
    }

    private static String flowRunOf(JsonNode event) {
        for (JsonNode related : event.path("related")) {
            if ("flow-run".equals(related.path("prefect.resource.role").asText())) {
                return related.path("prefect.resource.id").asText().substring("prefect.flow-run.".length());
            }
        }
        return null;
    }
}
