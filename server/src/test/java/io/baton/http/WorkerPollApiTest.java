package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.domain.Times;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Worker polling of a pool: selection, limits, priorities, pause flags, hidden retries and bookkeeping. */
@ParameterizedClass
@EnumSource(DbKind.class)
class WorkerPollApiTest {

    /** The form Python's {@code str(datetime)} gives, which workers send. */
    static final DateTimeFormatter PYTHON_STR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    @Parameter
    DbKind db;

    BatonServer server;
    ApiClient api;
    String pool;
    String flowId;

    @BeforeEach
    void setUp() {
        server = TestServers.shared(db);
        api = new ApiClient(server);
        pool = "pool-" + UUID.randomUUID();
        flowId = api.post("/flows/", Map.of("name", "poll-flow")).body().get("id").asText();
    }

    JsonNode createPool(String name, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("name", name);
        body.put("type", "process");
        return api.post("/work_pools/", body).expect(201).body();
    }

    JsonNode createQueue(String name, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("name", name);
        return api.post("/work_pools/" + pool + "/queues", body).expect(201).body();
    }

    /** A SCHEDULED run in the pool's queue, due {@code secondsAgo} ago. */
    String scheduledRun(String queue, long secondsAgo, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("flow_id", flowId);
        body.put("work_pool_name", pool);
        body.put("work_queue_name", queue);
        body.put("state", Map.of("type", "SCHEDULED", "name", "Scheduled", "state_details",
                Map.of("scheduled_time", Times.now().minusSeconds(secondsAgo).toString())));
        return api.post("/flow_runs/", body).expect(201).body().get("id").asText();
    }

    JsonNode poll(Map<String, Object> body) {
        return api.post("/work_pools/" + pool + "/get_scheduled_flow_runs", body).expect(200).body();
    }

    static List<String> ids(JsonNode polled) {
        List<String> out = new ArrayList<>();
        polled.forEach(r -> out.add(r.get("flow_run").get("id").asText()));
        return out;
    }

    String propose(String runId, String type) {
        return api.post("/flow_runs/" + runId + "/set_state", Map.of("state", Map.of("type", type)))
                .body().get("status").asText();
    }

    @Test
    void returnsDueRunsWithoutStateInStartOrder() {
        JsonNode created = createPool(pool, Map.of());
        String late = scheduledRun("default", 60, Map.of());
        String due = scheduledRun("default", 5, Map.of());
        scheduledRun("default", -3600, Map.of()); // an hour ahead
        JsonNode polled = poll(Map.of("work_queue_names", List.of(),
                "scheduled_before", PYTHON_STR.format(Times.now().plusSeconds(10))));
        assertThat(ids(polled)).containsExactly(late, due);
        JsonNode first = polled.get(0);
        assertThat(first.get("work_pool_id")).isEqualTo(created.get("id"));
        assertThat(first.get("work_queue_id")).isEqualTo(created.get("default_queue_id"));
        assertThat(first.get("flow_run").get("state").isNull()).isTrue();
        assertThat(first.get("flow_run").get("state_type").asText()).isEqualTo("SCHEDULED");
        assertThat(first.get("flow_run").get("state_name").asText()).isEqualTo("Scheduled");
        assertThat(first.get("flow_run").has("work_pool_name")).isFalse();

        // Without bounds every scheduled run comes back; scheduled_after cuts the late one.
        assertThat(poll(Map.of())).hasSize(3);
        assertThat(ids(poll(Map.of("scheduled_after", PYTHON_STR.format(Times.now().minusSeconds(30)),
                "scheduled_before", PYTHON_STR.format(Times.now()))))).containsExactly(due);
        assertThat(poll(Map.of("limit", 1))).hasSize(1);
        assertThat(api.post("/work_pools/" + pool + "/get_scheduled_flow_runs", Map.of("limit", 201)).expect(422)
                .body().get("detail").asText()).isEqualTo("Invalid limit: must be less than or equal to 200.");
    }

    @Test
    void poolAndQueueConcurrencyLimits() {
        createPool(pool, Map.of("concurrency_limit", 3));
        createQueue("a", Map.of("concurrency_limit", 1, "priority", 1));
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            a.add(scheduledRun("a", 100 - i, Map.of()));
            b.add(scheduledRun("default", 100 - i, Map.of()));
        }
        // Queue a gives one slot, the pool's remaining two go to the default queue.
        JsonNode polled = poll(Map.of());
        assertThat(ids(polled)).containsExactly(a.get(0), b.get(0), b.get(1));
        assertThat(propose(a.get(0), "PENDING")).isEqualTo("ACCEPT");
        assertThat(ids(poll(Map.of()))).containsExactly(b.get(0), b.get(1));
        assertThat(propose(b.get(0), "PENDING")).isEqualTo("ACCEPT");
        assertThat(propose(b.get(0), "RUNNING")).isEqualTo("ACCEPT");
        assertThat(propose(b.get(1), "PENDING")).isEqualTo("ACCEPT");
        assertThat(poll(Map.of())).isEmpty();
        // A finished run frees its slot.
        assertThat(propose(b.get(0), "COMPLETED")).isEqualTo("ACCEPT");
        assertThat(ids(poll(Map.of()))).containsExactly(b.get(2));

        JsonNode status = api.post("/work_pools/" + pool + "/concurrency_status", Map.of()).expect(200).body();
        assertThat(status.get("active_slots").asInt()).isEqualTo(2);
        assertThat(status.get("concurrency_limit").asInt()).isEqualTo(3);
        assertThat(status.get("count").asInt()).isEqualTo(2);
        JsonNode queueA = status.get("queues").get(0);
        assertThat(queueA.get("queue_name").asText()).isEqualTo("a");
        assertThat(queueA.get("active_slots").asInt()).isEqualTo(1);
        assertThat(queueA.get("flow_runs").get(0).get("id").asText()).isEqualTo(a.get(0));
        assertThat(queueA.get("flow_runs").get(0).get("state_type").asText()).isEqualTo("PENDING");
        JsonNode queueStatus = api.post("/work_queues/" + queueA.get("queue_id").asText() + "/concurrency_status",
                Map.of("limit", 5)).expect(200).body();
        assertThat(queueStatus.get("active_slots").asInt()).isEqualTo(1);
        assertThat(queueStatus.get("concurrency_limit").asInt()).isEqualTo(1);
        assertThat(queueStatus.get("count").asInt()).isEqualTo(1);
        assertThat(queueStatus.get("pages").asInt()).isEqualTo(1);
        api.post("/work_pools/nope-" + pool + "/concurrency_status", Map.of()).expect(404);
        api.post("/work_queues/" + UUID.randomUUID() + "/concurrency_status", Map.of()).expect(404);
    }

    @Test
    void queuePrioritiesComeBeforeStartTimes() {
        createPool(pool, Map.of());
        createQueue("urgent", Map.of("priority", 1));
        String lowEarly = scheduledRun("default", 300, Map.of());
        String urgentLate = scheduledRun("urgent", 10, Map.of());
        String urgentEarly = scheduledRun("urgent", 20, Map.of());
        assertThat(ids(poll(Map.of()))).containsExactly(urgentEarly, urgentLate, lowEarly);
        assertThat(ids(poll(Map.of("limit", 2)))).containsExactly(urgentEarly, urgentLate);
        assertThat(ids(poll(Map.of("work_queue_names", List.of("default"))))).containsExactly(lowEarly);
        assertThat(api.post("/work_pools/" + pool + "/get_scheduled_flow_runs", Map.of("work_queue_names", List.of("nope")))
                .expect(404).body().get("detail").asText()).isEqualTo("Work pool queue '" + pool + "/nope' not found.");
        assertThat(api.post("/work_pools/nope-" + pool + "/get_scheduled_flow_runs", Map.of()).expect(404)
                .body().get("detail").asText()).isEqualTo("Work pool \"nope-" + pool + "\" not found.");
    }

    @Test
    void pausedPoolsAndQueuesAndInProcessRetriesAreSkipped() {
        createPool(pool, Map.of());
        JsonNode paused = createQueue("paused", Map.of("is_paused", true));
        scheduledRun("paused", 10, Map.of());
        String retrying = scheduledRun("default", 10, Map.of("empirical_policy", Map.of("retry_type", "in_process")));
        String rescheduled = scheduledRun("default", 5, Map.of("empirical_policy", Map.of("retry_type", "reschedule")));
        assertThat(ids(poll(Map.of()))).containsExactly(rescheduled).doesNotContain(retrying);
        // A paused queue is still polled: it records last_polled, and keeps its PAUSED status.
        JsonNode queue = api.get("/work_queues/" + paused.get("id").asText()).expect(200).body();
        assertThat(queue.get("last_polled").isNull()).isFalse();
        assertThat(queue.get("status").asText()).isEqualTo("PAUSED");

        api.patch("/work_pools/" + pool, Map.of("is_paused", true)).expect(204);
        assertThat(poll(Map.of())).isEmpty();
    }

    @Test
    void pollsMarkQueuesAndTheirDeploymentsReady() {
        JsonNode created = createPool(pool, Map.of());
        String deploymentId = api.post("/deployments/", Map.of("name", "d-" + pool, "flow_id", flowId,
                "work_pool_name", pool)).expect(201).body().get("id").asText();
        String queueId = created.get("default_queue_id").asText();
        assertThat(api.get("/work_queues/" + queueId).body().get("status").asText()).isEqualTo("NOT_READY");

        // The UI's view of a queue's runs is no poll.
        api.send("POST", "/work_queues/" + queueId + "/get_runs", Map.of(), Map.of("x-prefect-ui", "true")).expect(200);
        assertThat(api.get("/work_queues/" + queueId).body().get("last_polled").isNull()).isTrue();

        poll(Map.of());
        JsonNode queue = api.get("/work_queues/" + queueId).body();
        assertThat(queue.get("status").asText()).isEqualTo("READY");
        Instant polled = Times.parse(queue.get("last_polled").asText());
        JsonNode deployment = api.get("/deployments/" + deploymentId).body();
        assertThat(deployment.get("status").asText()).isEqualTo("READY");
        assertThat(deployment.get("last_polled").isNull()).isFalse();
        // An immediate second poll leaves the fresh bookkeeping alone.
        poll(Map.of());
        assertThat(Times.parse(api.get("/work_queues/" + queueId).body().get("last_polled").asText())).isEqualTo(polled);
    }

    @Test
    void legacyQueueRuns() {
        JsonNode created = createPool(pool, Map.of());
        String queueId = created.get("default_queue_id").asText();
        String run = scheduledRun("default", 10, Map.of());
        scheduledRun("default", -3600, Map.of());
        JsonNode runs = api.post("/work_queues/" + queueId + "/get_runs",
                Map.of("scheduled_before", PYTHON_STR.format(Times.now()))).expect(200).body();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("id").asText()).isEqualTo(run);
        assertThat(runs.get(0).get("state").get("type").asText()).isEqualTo("SCHEDULED");
        assertThat(runs.get(0).get("work_pool_name").asText()).isEqualTo(pool);
        assertThat(api.get("/work_queues/" + queueId).body().get("status").asText()).isEqualTo("READY");
        api.post("/work_queues/" + UUID.randomUUID() + "/get_runs", Map.of()).expect(404);
    }

    /**
     * Sixteen workers poll one pool holding 1,000 due runs and each proposes PENDING for what it got: every run is
     * accepted exactly once, however the polls overlap.
     */
    @Test
    @Tag("slow")
    void concurrentPollersClaimEveryRunExactlyOnce() throws Exception {
        createPool(pool, Map.of());
        int total = 1_000;
        List<String> all = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            all.add(scheduledRun("default", 1_000 - i, Map.of()));
        }
        Map<String, Integer> accepts = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < 16; w++) {
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    ApiClient client = new ApiClient(server);
                    while (true) {
                        JsonNode polled = client.post("/work_pools/" + pool + "/get_scheduled_flow_runs",
                                Map.of("limit", 50)).expect(200).body();
                        if (polled.isEmpty()) {
                            return;
                        }
                        for (String id : ids(polled)) {
                            JsonNode answer = client.post("/flow_runs/" + id + "/set_state",
                                    Map.of("state", Map.of("type", "PENDING"))).body();
                            if ("ACCEPT".equals(answer.get("status").asText())) {
                                accepts.merge(id, 1, Integer::sum);
                            }
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(accepts.keySet()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(accepts.values()).allMatch(n -> n == 1);
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("work_pools", Map.of("name", Map.of("any_", List.of(pool))));
        filter.put("flow_runs", Map.of("state", Map.of("type", Map.of("any_", List.of("PENDING")))));
        assertThat(api.post("/flow_runs/count", filter).expect(200).body().asInt()).isEqualTo(total);
    }
}
