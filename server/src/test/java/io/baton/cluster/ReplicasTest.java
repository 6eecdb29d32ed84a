package io.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.BatonServer;
import io.baton.json.Json;
import io.baton.testing.ApiClient;
import io.baton.testing.Replicas;
import io.baton.testing.TestSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three replicas on one PostgreSQL database behave as one server: live streams see what any replica received,
 * a background task reaches one task worker, cache invalidations reach every replica. Deadlines are generous
 * (latency is a benchmark figure, not a test).
 */
class ReplicasTest {

    static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final String PUBLISHING = "PREFECT_SERVER_LOGS_STREAM_PUBLISHING_ENABLED";
    private static final String STREAM_OUT = "PREFECT_SERVER_LOGS_STREAM_OUT_ENABLED";

    static Replicas replicas;

    @BeforeAll
    static void startReplicas() {
        System.setProperty(PUBLISHING, "true");
        System.setProperty(STREAM_OUT, "true");
        try {
            replicas = Replicas.start(3);
        } finally {
            System.clearProperty(PUBLISHING);
            System.clearProperty(STREAM_OUT);
        }
    }

    @AfterAll
    static void stopReplicas() {
        replicas.close();
    }

    private static BatonServer replica(int i) {
        return replicas.get(i);
    }

    /** Up to {@code n} messages, waiting at most {@link #DEADLINE} in all. */
    static List<JsonNode> collect(TestSocket socket, int n) {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (out.size() < n && System.nanoTime() < deadline) {
            JsonNode m = socket.poll();
            if (m == null) {
                sleep(5);
            } else {
                out.add(m);
            }
        }
        return out;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode event(String name) {
        ObjectNode e = Json.object();
        e.put("id", UUID.randomUUID().toString());
        e.put("occurred", Json.timestamp(Instant.now()));
        e.put("event", name);
        e.set("resource", Json.object().put("prefect.resource.id", "acme." + name));
        e.set("related", Json.array());
        e.set("payload", Json.object());
        return e;
    }

    private static TestSocket eventSubscriber(BatonServer server, String prefix) {
        TestSocket out = TestSocket.authenticated(server, "/events/out");
        ObjectNode filter = Json.object();
        filter.set("occurred", Json.object().put("since", Json.timestamp(Instant.now().minusSeconds(60)))
                .put("until", Json.timestamp(Instant.now().plusSeconds(365L * 86400))));
        filter.set("event", Json.object().set("prefix", Json.array().add(prefix)));
        ObjectNode message = Json.object().put("type", "filter").put("backfill", false);
        message.set("filter", filter);
        out.send(message);
        out.pingAndAwaitPong();
        return out;
    }

    @Test
    void eventsReceivedByAnyReplicaReachTheSubscribersOfEveryReplicaInOrderOnce() {
        String ns = "x" + UUID.randomUUID().toString().substring(0, 8) + ".";
        List<String> viaA = new ArrayList<>();
        List<String> viaC = new ArrayList<>();
        try (TestSocket onA = eventSubscriber(replica(0), ns); TestSocket onB = eventSubscriber(replica(1), ns);
             TestSocket onC = eventSubscriber(replica(2), ns)) {
            ApiClient a = new ApiClient(replica(0));
            for (int batch = 0; batch < 4; batch++) {
                ArrayNode events = Json.array();
                for (int i = 0; i < 10; i++) {
                    ObjectNode e = event(ns + "http");
                    viaA.add(e.get("id").asText());
                    events.add(e);
                }
                a.post("/events", events).expect(204);
            }
            try (TestSocket in = TestSocket.authenticated(replica(2), "/events/in")) {
                for (int i = 0; i < 10; i++) {
                    ObjectNode e = event(ns + "ws");
                    viaC.add(e.get("id").asText());
                    in.send(e);
                }
                in.pingAndAwaitPong();
            }
            for (TestSocket subscriber : List.of(onA, onB, onC)) {
                List<String> ids = collect(subscriber, 50).stream().map(m -> m.get("event").get("id").asText()).toList();
                assertThat(ids).hasSize(50).doesNotHaveDuplicates();
                // Each replica's events keep their order; the two replicas' streams may interleave.
                assertThat(ids.stream().filter(viaA::contains).toList()).isEqualTo(viaA);
                assertThat(ids.stream().filter(viaC::contains).toList()).isEqualTo(viaC);
                subscriber.pingAndAwaitPong();
                assertThat(subscriber.poll()).isNull();
            }
        }
    }

    @Test
    void logsWrittenThroughOneReplicaReachTheLogSubscribersOfTheOthers() {
        String flowRun = UUID.randomUUID().toString();
        List<TestSocket> subscribers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                TestSocket out = TestSocket.authenticated(replica(i), "/logs/out");
                out.send("{\"type\":\"filter\",\"filter\":{\"flow_run_id\":{\"any_\":[\"" + flowRun + "\"]}}}");
                out.pingAndAwaitPong();
                subscribers.add(out);
            }
            List<Map<String, Object>> logs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Map<String, Object> log = new HashMap<>();
                log.put("name", "prefect.flow_runs");
                log.put("level", 20);
                log.put("message", "line " + i + " é");
                log.put("timestamp", "2026-11-21T05:34:32Z");
                log.put("flow_run_id", flowRun);
                log.put("task_run_id", null);
                logs.add(log);
            }
            new ApiClient(replica(1)).post("/logs/", logs.subList(0, 10)).expect(201);
            new ApiClient(replica(1)).post("/logs/", logs.subList(10, 20)).expect(201);
            for (TestSocket out : subscribers) {
                List<String> messages = collect(out, 20).stream().map(m -> m.get("log").get("message").asText()).toList();
                assertThat(messages).hasSize(20);
                for (int i = 0; i < 20; i++) {
                    assertThat(messages.get(i)).isEqualTo("line " + i + " é");
                }
                out.pingAndAwaitPong();
                assertThat(out.poll()).isNull();
            }
        } finally {
            subscribers.forEach(TestSocket::close);
        }
    }

    @Test
    void eachBackgroundTaskReachesExactlyOneTaskWorkerAcrossReplicas() {
        String key = "bg-" + UUID.randomUUID();
        List<TestSocket> workers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                TestSocket w = TestSocket.authenticated(replica(i), "/task_runs/subscriptions/scheduled");
                w.send("{\"type\":\"subscribe\",\"keys\":[\"" + key + "\"],\"client_id\":\"worker-" + i + "-" + key + "\"}");
                w.pingAndAwaitPong();
                workers.add(w);
            }
            // Every replica lists the workers connected to all of them.
            for (int i = 0; i < 3; i++) {
                ApiClient api = new ApiClient(replica(i));
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                JsonNode listed;
                do {
                    listed = api.post("/task_workers/filter",
                            Map.of("task_worker_filter", Map.of("task_keys", List.of(key)))).expect(200).body();
                } while (listed.size() < 3 && System.nanoTime() < deadline && sleepThenTrue());
                assertThat(listed.findValuesAsText("identifier")).hasSize(3);
            }
            List<String> scheduled = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ApiClient api = new ApiClient(replica(i % 3));
                scheduled.add(api.post("/task_runs/", Map.of("task_key", key, "dynamic_key", String.valueOf(i),
                        "name", key, "state", Map.of("type", "SCHEDULED", "state_details", Map.of("deferred", true))))
                        .expect(201).body().get("id").asText());
            }
            List<String> received = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos() * 2;
            while (received.size() < scheduled.size() && System.nanoTime() < deadline) {
                boolean any = false;
                for (TestSocket w : workers) {
                    JsonNode run = w.poll();
                    if (run != null) {
                        any = true;
                        received.add(run.get("id").asText());
                        w.send("{\"type\":\"ack\"}");
                    }
                }
                if (!any) {
                    sleep(10);
                }
            }
            // Nothing arrives twice, even after the idle catch-up from the database had a chance.
            sleep(1_500);
            for (TestSocket w : workers) {
                w.pingAndAwaitPong();
                assertThat(w.poll()).isNull();
            }
            assertThat(received).hasSize(scheduled.size()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(scheduled);
        } finally {
            workers.forEach(TestSocket::close);
        }
    }

    private static boolean sleepThenTrue() {
        sleep(50);
        return true;
    }

    @Test
    void aCacheChangedOnOneReplicaIsInvalidatedOnEveryReplica() {
        String name = "cache-" + UUID.randomUUID();
        AtomicInteger[] invalidated = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        for (int i = 0; i < 3; i++) {
            replica(i).cluster().caches().register(name, invalidated[i]::incrementAndGet);
        }
        replica(2).cluster().caches().changed(name);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while ((invalidated[0].get() < 1 || invalidated[1].get() < 1) && System.nanoTime() < deadline) {
            sleep(5);
        }
        assertThat(invalidated[0].get()).isEqualTo(1);
        assertThat(invalidated[1].get()).isEqualTo(1);
        assertThat(invalidated[2].get()).isEqualTo(1);

        // Rows changed through one replica read back the same through the others.
        ApiClient a = new ApiClient(replica(0));
        String variable = "v_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String id = a.post("/variables/", Map.of("name", variable, "value", "one")).expect(201).body().get("id").asText();
        new ApiClient(replica(1)).patch("/variables/" + id, Map.of("value", "two")).expect(204);
        assertThat(new ApiClient(replica(2)).get("/variables/name/" + variable).expect(200).body().get("value").asText())
                .isEqualTo("two");
    }
}
