package io.baton.loadtool.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.loadtool.http.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built events must have the shape of what the Prefect 3.8.3 client really sent: same keys at the top,
 * in {@code resource}, {@code related}, {@code payload} and {@code payload.task_run}, same value kinds.
 */
class TaskRunEventsTest {
    private static final RunRef FLOW_RUN = new RunRef("be622f03-5fe7-4a5d-b6a0-6b472454e91e", "gracious-buzzard");
    private static final RunRef FLOW = new RunRef("0f9c74a6-027f-4caf-992b-68b594a14b85", "hello");

    @Test
    void matchesTheBundledRecording() throws IOException {
        Map<String, JsonNode> recorded = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/recorded-task-run-events.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode event = Json.MAPPER.readTree(line);
                    recorded.put(event.get("event").asText(), event);
                }
            }
        }
        assertSameShapes(recorded);
    }

    /** Also against the shared traffic recordings, when they sit beside the repository. */
    @Test
    void matchesTheSharedRecordings() throws IOException {
        Path shared = Path.of(System.getProperty("baton.shared.dir", "../shared"), "prefect-traffic");
        for (String file : List.of("it-test_hello_tasks.jsonl", "flow-task-retry.jsonl")) {
            Path path = shared.resolve(file);
            if (!Files.exists(path)) {
                continue;
            }
            Map<String, JsonNode> recorded = new HashMap<>();
            for (String line : Files.readAllLines(path)) {
                JsonNode entry = Json.MAPPER.readTree(line);
                JsonNode data = entry.path("data");
                if ("ws_msg".equals(entry.path("kind").asText())
                        && data.path("event").asText().startsWith("prefect.task-run.")) {
                    recorded.putIfAbsent(data.get("event").asText(), data);
                }
            }
            assertSameShapes(recorded);
        }
    }

    @Test
    void chainsEventsAndKeepsTheTaskRunId() {
        UUID taskRunId = Uuid7.next();
        List<ObjectNode> events = new TaskRunEvents(taskRunId, "say_hello", 0, FLOW_RUN, FLOW)
                .lifecycle(Instant.parse("2026-11-21T06:04:37.250308Z"), 1000);
        assertThat(events).extracting(e -> e.get("event").asText())
                .containsExactly("prefect.task-run.Pending", "prefect.task-run.Running", "prefect.task-run.Completed");
        assertThat(events.get(0).get("follows").isNull()).isTrue();
        assertThat(events.get(1).get("follows").asText()).isEqualTo(events.get(0).get("id").asText());
        assertThat(events.get(2).get("follows").asText()).isEqualTo(events.get(1).get("id").asText());
        for (ObjectNode event : events) {
            assertThat(event.at("/resource/prefect.resource.id").asText()).isEqualTo("prefect.task-run." + taskRunId);
            assertThat(event.at("/related/0/prefect.resource.id").asText()).isEqualTo("prefect.flow-run." + FLOW_RUN.id());
        }
        assertThat(events.get(0).get("occurred").asText()).isEqualTo("2026-11-21T06:04:37.250308Z");
        assertThat(events.get(0).at("/resource/prefect.state-timestamp").asText())
                .isEqualTo("2026-11-21T06:04:37.250308+00:00");
        assertThat(events.get(2).at("/payload/task_run/total_run_time").asDouble()).isEqualTo(0.001);
        assertThat(events.get(2).at("/payload/validated_state/state_details/untrackable_result").asBoolean()).isTrue();
    }

    @Test
    void uuid7HasVersionAndVariantBits() {
        UUID id = Uuid7.at(1_700_000_000_000L);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(1_700_000_000_000L);
    }

    private static void assertSameShapes(Map<String, JsonNode> recorded) {
        List<ObjectNode> built = new TaskRunEvents(Uuid7.next(), "say_hello", 0, FLOW_RUN, FLOW)
                .lifecycle(Instant.now(), 1000);
        int compared = 0;
        for (ObjectNode event : built) {
            JsonNode reference = recorded.get(event.get("event").asText());
            if (reference == null) {
                continue;
            }
            compared++;
            assertThat(keys(event)).as("top-level keys").isEqualTo(keys(reference));
            assertThat(keys(event.get("resource"))).as("resource keys").isEqualTo(keys(reference.get("resource")));
            assertThat(keys(event.get("payload"))).as("payload keys").isEqualTo(keys(reference.get("payload")));
            assertThat(keys(event.at("/payload/task_run"))).as("task_run keys")
                    .isEqualTo(keys(reference.at("/payload/task_run")));
            assertThat(event.get("related").size()).isEqualTo(reference.get("related").size());
            for (int i = 0; i < reference.get("related").size(); i++) {
                assertThat(keys(event.get("related").get(i))).isEqualTo(keys(reference.get("related").get(i)));
            }
            assertSameKinds(event, reference, event.get("event").asText());
        }
        assertThat(compared).as("events compared with the recording").isEqualTo(3);
    }

    /** Same node types everywhere both trees have a value (ids and times differ, types must not). */
    private static void assertSameKinds(JsonNode built, JsonNode reference, String where) {
        if (reference.isNull() || built.isNull()) {
            assertThat(built.isNull()).as(where).isEqualTo(reference.isNull());
            return;
        }
        assertThat(built.isNumber() ? "number" : built.getNodeType().toString()).as(where)
                .isEqualTo(reference.isNumber() ? "number" : reference.getNodeType().toString());
        if (reference.isObject()) {
            for (Iterator<String> it = reference.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (built.has(field) && !field.equals("task_inputs")) {
                    assertSameKinds(built.get(field), reference.get(field), where + "." + field);
                }
            }
        }
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
