package io.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.json.Json;
import io.baton.testing.ApiClient;
import io.baton.testing.Replicas;
import io.baton.testing.TestSocket;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart of three replicas under a bounded load: the clients (playing load balancer: a refused or
 * dropped connection is retried on the next replica) never get a 5xx, and everything acknowledged is there
 * afterwards. Websocket subscribers of a stopping replica are told to reconnect (1012).
 */
class RollingRestartTest {

    private static final int CLIENTS = 4;
    private static final int MAX_REQUESTS_PER_CLIENT = 2_000;

    @Test
    void aRollingRestartUnderLoadLosesNothingAndAnswersNo5xx() throws Exception {
        try (Replicas replicas = Replicas.start(3)) {
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> flows = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
            AtomicInteger retried = new AtomicInteger();
            String ns = "rr" + UUID.randomUUID().toString().substring(0, 8);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(Thread.ofPlatform().start(() -> {
                    int next = client;
                    for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && !stop.get(); i++) {
                        String flow = ns + "-" + client + "-" + i;
                        ObjectNode event = Json.object().put("id", UUID.randomUUID().toString())
                                .put("occurred", Json.timestamp(Instant.now())).put("event", ns + ".tick");
                        event.set("resource", Json.object().put("prefect.resource.id", flow));
                        ArrayNode batch = Json.array().add(event);
                        next = untilAnswered(replicas, next, "/flows/", Map.of("name", flow), serverErrors, retried);
                        flows.add(flow);
                        next = untilAnswered(replicas, next + 1, "/events", batch, serverErrors, retried);
                        events.add(event.get("id").asText());
                    }
                }));
            }
            Thread.sleep(500);
            for (int i = 0; i < 3; i++) {
                TestSocket subscriber = TestSocket.authenticated(replicas.get(i), "/events/out");
                subscriber.send("{\"type\":\"filter\",\"filter\":{\"event\":{\"prefix\":[\"" + ns + "\"]}},\"backfill\":false}");
                subscriber.pingAndAwaitPong();
                replicas.restart(i);
                assertThat(subscriber.awaitClose()).isEqualTo(1012);
                subscriber.close();
                Thread.sleep(300);
            }
            stop.set(true);
            for (Thread t : clients) {
                t.join();
            }
            assertThat(serverErrors).isEmpty();
            assertThat(flows).isNotEmpty();
            ApiClient api = new ApiClient(replicas.get(1));
            for (String flow : flows) {
                api.get("/flows/name/" + flow).expect(200);
            }
            ObjectNode filter = Json.object();
            filter.set("event", Json.object().set("prefix", Json.array().add(ns + ".")));
            filter.set("occurred", Json.object().put("since", Json.timestamp(Instant.now().minusSeconds(3600)))
                    .put("until", Json.timestamp(Instant.now().plusSeconds(60))));
            long stored = api.post("/events/filter", Map.of("filter", filter, "limit", 1)).expect(200).body()
                    .get("total").asLong();
            assertThat(stored).isEqualTo(events.size());
        }
    }

    /** Sends until some replica answers; returns the replica to use next. Records any 5xx. */
    private static int untilAnswered(Replicas replicas, int start, String path, Object body,
                                     ConcurrentLinkedQueue<String> serverErrors, AtomicInteger retried) {
        for (int attempt = 0; ; attempt++) {
            List<Integer> ports = replicas.ports();
            int port = ports.get(Math.floorMod(start + attempt, ports.size()));
            try {
                ApiClient.Response r = new ApiClient("http://127.0.0.1:" + port).unvalidated().post(path, body);
                if (r.status() >= 500) {
                    serverErrors.add(path + " -> " + r.status() + " " + r.raw());
                    continue;
                }
                assertThat(r.status()).as("%s %s", path, r.raw()).isLessThan(300);
                return start + attempt + 1;
            } catch (UncheckedIOException refusedOrDropped) {
                retried.incrementAndGet();
                ReplicasTest.sleep(20);
            }
        }
    }
}
