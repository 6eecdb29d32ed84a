package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.testing.ApiClient;
import io.baton.testing.Contract;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import io.baton.testing.TestSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Background tasks: the scheduled-task websocket, its ack protocol, catch-up from the database, task workers. */
@ParameterizedClass
@EnumSource(DbKind.class)
class TaskRunSubscriptionTest {

    static final String PATH = "/task_runs/subscriptions/scheduled";

    @Parameter
    DbKind db;

    BatonServer server;
    ApiClient api;
    String key;

    @BeforeEach
    void setUp() {
        server = TestServers.shared(db);
        api = new ApiClient(server);
        key = "bg-" + UUID.randomUUID();
    }

    private String deferred(String taskKey) {
        return api.post("/task_runs/", Map.of("task_key", taskKey, "dynamic_key", UUID.randomUUID().toString(),
                "name", taskKey, "state", Map.of("type", "SCHEDULED", "state_details", Map.of("deferred", true))))
                .expect(201).body().get("id").asText();
    }

    private TestSocket subscribe(String clientId, String... keys) {
        TestSocket socket = TestSocket.authenticated(server, PATH);
        socket.send(ApiClient.json("{\"type\":\"subscribe\",\"keys\":" + ApiClient.json(toJson(List.of(keys)))
                + ",\"client_id\":\"" + clientId + "\"}"));
        return socket;
    }

    private static String toJson(List<String> keys) {
        return "[" + String.join(",", keys.stream().map(k -> "\"" + k + "\"").toList()) + "]";
    }

    @Test
    void runsScheduledBeforeAndAfterSubscribingAreDeliveredOneAckAtATime() {
        String before = deferred(key);
        try (TestSocket socket = subscribe("worker-" + key, key)) {
            JsonNode first = socket.next();
            assertThat(first.get("id").asText()).isEqualTo(before);
            assertThat(Contract.get().validateComponent("TaskRun", first)).isEmpty();
            String after = deferred(key);
            // Nothing more until the first run is acknowledged.
            socket.pingAndAwaitPong();
            assertThat(socket.poll()).isNull();
            socket.send("{\"type\":\"ack\"}");
            assertThat(socket.next().get("id").asText()).isEqualTo(after);
            socket.send("{\"type\":\"ack\"}");
        }
    }

    @Test
    void runsOfOtherKeysAndRunsNoLongerScheduledAreNotDelivered() {
        deferred("other-" + key);
        String gone = deferred(key);
        api.post("/task_runs/" + gone + "/set_state", Map.of("state", Map.of("type", "PENDING"), "force", true));
        String wanted = deferred(key);
        try (TestSocket socket = subscribe("worker-" + key, key)) {
            assertThat(socket.next().get("id").asText()).isEqualTo(wanted);
            socket.send("{\"type\":\"ack\"}");
            socket.pingAndAwaitPong();
            assertThat(socket.poll()).isNull();
        }
    }

    @Test
    void anUnacknowledgedRunGoesToTheNextWorker() {
        String run = deferred(key);
        try (TestSocket first = subscribe("first-" + key, key)) {
            assertThat(first.next().get("id").asText()).isEqualTo(run);
        }
        try (TestSocket second = subscribe("second-" + key, key)) {
            assertThat(second.next().get("id").asText()).isEqualTo(run);
            second.send("{\"type\":\"ack\"}");
        }
    }

    @Test
    void protocolErrorsCloseWith4001() {
        try (TestSocket socket = TestSocket.authenticated(server, PATH)) {
            socket.send("{\"type\":\"hello\"}");
            assertThat(socket.awaitClose()).isEqualTo(4001);
        }
        deferred(key);
        try (TestSocket socket = subscribe("worker-" + key, key)) {
            socket.next();
            socket.send("{\"type\":\"whatever\"}");
            assertThat(socket.awaitClose()).isEqualTo(4001);
        }
    }

    @Test
    void quitEndsTheSubscription() {
        deferred(key);
        try (TestSocket socket = subscribe("worker-" + key, key)) {
            socket.next();
            socket.send("{\"type\":\"quit\"}");
            assertThat(socket.awaitClose()).isEqualTo(1000);
        }
    }

    @Test
    void connectedWorkersAreListedWhileConnected() {
        String client = "worker-" + key;
        try (TestSocket socket = subscribe(client, key, "second-" + key)) {
            socket.pingAndAwaitPong();
            JsonNode mine = api.post("/task_workers/filter", Map.of("task_worker_filter", Map.of("task_keys", List.of(key))))
                    .expect(200).body();
            assertThat(mine.size()).isEqualTo(1);
            assertThat(mine.get(0).get("identifier").asText()).isEqualTo(client);
            assertThat(mine.get(0).get("task_keys").toString()).contains(key).contains("second-" + key);
            assertThat(api.post("/task_workers/filter", Map.of()).expect(200).body().findValuesAsText("identifier"))
                    .contains(client);
            assertThat(api.post("/task_workers/filter", Map.of("task_worker_filter",
                    Map.of("task_keys", List.of("nobody-" + key)))).expect(200).body().size()).isZero();
        }
    }

    @Test
    void aFreshServerDeliversWhatAnEarlierOneScheduled() {
        try (BatonServer fresh = TestServers.fresh(db, UnaryOperator.identity())) {
            ApiClient client = new ApiClient(fresh);
            String run = client.post("/task_runs/", Map.of("task_key", key, "dynamic_key", "0", "name", key,
                    "state", Map.of("type", "SCHEDULED", "state_details", Map.of("deferred", true)))).body()
                    .get("id").asText();
            // Nothing was ever queued in this process for the key: delivery comes from the database.
            fresh.stores().taskQueues.take(List.of(key), 0, java.util.concurrent.TimeUnit.SECONDS);
            try (TestSocket socket = TestSocket.authenticated(fresh, PATH)) {
                socket.send("{\"type\":\"subscribe\",\"keys\":[\"" + key + "\"],\"client_id\":\"c\"}");
                assertThat(socket.next().get("id").asText()).isEqualTo(run);
                socket.send("{\"type\":\"ack\"}");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
