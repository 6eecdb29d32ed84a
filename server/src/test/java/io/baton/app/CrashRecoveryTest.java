package io.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.json.Json;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestDatabases;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server in a child JVM, killed with SIGKILL while clients run flow-run lifecycles and post events, then
 * restarted on the same database: every acknowledged step and event is there, and so is the state event of
 * every committed transition (acknowledged or not). Bounded by counts; the deadlines only stop a stuck run.
 */
@Tag("slow")
@ParameterizedClass
@EnumSource(DbKind.class)
class CrashRecoveryTest {

    private static final int LIFECYCLE_CLIENTS = 4;
    private static final int EVENT_CLIENTS = 2;
    private static final int STEPS_BEFORE_KILL = 150;
    private static final int EVENTS_BEFORE_KILL = 150;
    private static final List<String> ORDER = List.of("PENDING", "RUNNING", "COMPLETED");

    @Parameter
    DbKind db;

    @Test
    void everythingAcknowledgedSurvivesAKill() throws Exception {
        Path home = Files.createTempDirectory("baton-crash-");
        String url = databaseUrl();
        Map<String, String> acknowledgedRuns = new ConcurrentHashMap<>();
        Set<String> acknowledgedEvents = ConcurrentHashMap.newKeySet();
        AtomicInteger steps = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();

        Child first = Child.start(url, home, "first");
        List<Thread> clients = new ArrayList<>();
        try {
            ApiClient api = first.api();
            String flowId = api.post("/flows/", Map.of("name", "crash-flow")).expect(201).body().get("id").asText();
            for (int i = 0; i < LIFECYCLE_CLIENTS; i++) {
                clients.add(Thread.ofPlatform().start(() -> lifecycles(first.api(), flowId, acknowledgedRuns, steps, stop)));
            }
            for (int i = 0; i < EVENT_CLIENTS; i++) {
                clients.add(Thread.ofPlatform().start(() -> events(first.api(), acknowledgedEvents, stop)));
            }
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while ((steps.get() < STEPS_BEFORE_KILL || acknowledgedEvents.size() < EVENTS_BEFORE_KILL)
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(steps.get()).as("lifecycle steps before the kill").isGreaterThanOrEqualTo(STEPS_BEFORE_KILL);
            // Mid-load: the clients are still sending while the process dies.
            first.kill();
        } finally {
            stop.set(true);
            for (Thread t : clients) {
                t.join(Duration.ofSeconds(60));
            }
            first.kill();
        }

        Child second = Child.start(url, home, "second");
        try {
            ApiClient api = second.api();
            List<String> stateIds = new ArrayList<>();
            for (Map.Entry<String, String> run : acknowledgedRuns.entrySet()) {
                JsonNode stored = api.get("/flow_runs/" + run.getKey()).expect(200).body();
                assertThat(ORDER.indexOf(stored.get("state_type").asText()))
                        .as("state of run %s", run.getKey()).isGreaterThanOrEqualTo(ORDER.indexOf(run.getValue()));
                api.get("/flow_run_states/?flow_run_id=" + run.getKey()).expect(200).body()
                        .forEach(s -> stateIds.add(s.get("id").asText()));
            }
            assertThat(missingEvents(api, acknowledgedEvents)).as("acknowledged events lost").isEmpty();
            // A state event's id is its state's id: every committed transition has its event.
            assertThat(missingEvents(api, stateIds)).as("state events of committed transitions lost").isEmpty();
            assertThat(stateIds.size()).isGreaterThanOrEqualTo(acknowledgedRuns.size());
        } finally {
            second.kill();
        }
    }

    private String databaseUrl() {
        var url = TestDatabases.fresh(db);
        return url.user() == null ? url.jdbcUrl() : url.jdbcUrl() + "?user=" + url.user();
    }

    private static void lifecycles(ApiClient api, String flowId, Map<String, String> acknowledged, AtomicInteger steps,
                                   AtomicBoolean stop) {
        while (!stop.get()) {
            try {
                String id = api.post("/flow_runs/", Map.of("flow_id", flowId, "state", Map.of("type", "PENDING")))
                        .expect(201).body().get("id").asText();
                acknowledged.put(id, "PENDING");
                steps.incrementAndGet();
                for (String next : List.of("RUNNING", "COMPLETED")) {
                    JsonNode answer = api.post("/flow_runs/" + id + "/set_state", Map.of("state", Map.of("type", next)))
                            .expect(201).body();
                    if (!answer.get("status").asText().equals("ACCEPT")) {
                        break;
                    }
                    acknowledged.put(id, next);
                    steps.incrementAndGet();
                }
            } catch (Throwable unacknowledged) {
                pause();
            }
        }
    }

    private static void events(ApiClient api, Set<String> acknowledged, AtomicBoolean stop) {
        while (!stop.get()) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(Map.of("id", UUID.randomUUID().toString(), "occurred", Json.timestamp(Instant.now()),
                        "event", "crash.test", "resource", Map.of("prefect.resource.id", "crash.r" + i),
                        "related", List.of(), "payload", Map.of("i", i)));
            }
            try {
                api.post("/events", batch).expect(204);
                batch.forEach(e -> acknowledged.add((String) e.get("id")));
            } catch (Throwable unacknowledged) {
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ids among {@code ids} that no stored event has. */
    private static Set<String> missingEvents(ApiClient api, java.util.Collection<String> ids) {
        Set<String> missing = new HashSet<>(ids);
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 50) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 50));
            Map<String, Object> filter = Map.of("id", Map.of("id", chunk),
                    "occurred", Map.of("since", Json.timestamp(Instant.now().minus(Duration.ofHours(1))),
                            "until", Json.timestamp(Instant.now().plus(Duration.ofHours(1)))));
            api.post("/events/filter", Map.of("filter", filter, "limit", 50)).expect(200).body().get("events")
                    .forEach(e -> missing.remove(e.get("id").asText()));
        }
        return missing;
    }

    /** A Baton server in its own JVM, on the test classpath. */
    private record Child(Process process, int port) {

        static Child start(String databaseUrl, Path home, String name) throws IOException, InterruptedException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "server", "start", "--port", String.valueOf(port), "--no-services");
            pb.environment().put("PREFECT_SERVER_DATABASE_CONNECTION_URL", databaseUrl);
            pb.environment().put("BATON_HOME", home.toString());
            pb.environment().remove("PREFECT_SERVER_API_AUTH_STRING");
            File log = home.resolve(name + ".log").toFile();
            pb.redirectErrorStream(true).redirectOutput(log);
            Child child = new Child(pb.start(), port);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (Instant.now().isBefore(deadline)) {
                if (!child.process.isAlive()) {
                    throw new IllegalStateException("server exited: " + Files.readString(log.toPath()));
                }
                try {
                    if (child.api().unvalidated().get("/health").status() == 200) {
                        return child;
                    }
                } catch (RuntimeException notYet) {
                    // still starting
                }
                Thread.sleep(100);
            }
            child.kill();
            throw new IllegalStateException("server did not start: " + Files.readString(log.toPath()));
        }

        ApiClient api() {
            return new ApiClient("http://127.0.0.1:" + port);
        }

        /** SIGKILL: no shutdown hook, no drain. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
