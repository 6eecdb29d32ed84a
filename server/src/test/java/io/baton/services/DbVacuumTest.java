package io.baton.services;

import static io.baton.storage.jdbc.tables.ArtifactTables.ARTIFACT;
import static io.baton.storage.jdbc.tables.ArtifactTables.ARTIFACT_COLLECTION;
import static io.baton.storage.jdbc.tables.EventTables.EVENTS;
import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.LogTable.LOG;
import static io.baton.storage.jdbc.tables.RunStateTables.FLOW_RUN_STATE;
import static io.baton.storage.jdbc.tables.RunStateTables.TASK_RUN_STATE;
import static io.baton.storage.jdbc.tables.TaskRunTable.TASK_RUN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.BatonServer;
import io.baton.json.Json;
import io.baton.storage.jdbc.tables.EventTables.EventResourcesTable;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.SettableClock;
import io.baton.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jooq.Condition;
import org.jooq.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Retention ({@code db_vacuum}) on both databases, with a clock the test sets. */
@ParameterizedClass
@EnumSource(DbKind.class)
class DbVacuumTest {

    private static final EventResourcesTable EVENT_RESOURCES = new EventResourcesTable("event_resources");

    @Parameter
    DbKind db;

    BatonServer server;
    ApiClient api;
    Instant now;

    @BeforeEach
    void start() {
        server = TestServers.fresh(db, UnaryOperator.identity());
        api = new ApiClient(server);
        now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eventsPastTheirRetentionGoWithTheirResourcesAndOverridesAreHonoured() {
        DbVacuumSettings settings = DbVacuumSettings.defaults().withBatchSizes(200, 7)
                .withEvents(Duration.ofDays(7), Map.of("test.noisy", Duration.ofHours(1), "test.long", Duration.ofDays(30)));
        List<UUID> old = store(20, "test.ordinary", now.minus(Duration.ofDays(8)));
        List<UUID> young = store(5, "test.ordinary", now.minus(Duration.ofDays(6)));
        List<UUID> noisyOld = store(9, "test.noisy", now.minus(Duration.ofHours(2)));
        List<UUID> noisyYoung = store(3, "test.noisy", now.minus(Duration.ofMinutes(30)));
        // An override longer than the events' retention is capped by it.
        List<UUID> longOld = store(2, "test.long", now.minus(Duration.ofDays(8)));
        assertThat(resourcesOf(old)).isEqualTo(40);

        new DbVacuum(server.stores().retention, settings, new SettableClock(now)).runOnce();

        assertThat(count(EVENTS.table(), EVENTS.ID.in(old))).isZero();
        assertThat(resourcesOf(old)).as("the deleted events' resources").isZero();
        assertThat(count(EVENTS.table(), EVENTS.ID.in(noisyOld))).isZero();
        assertThat(count(EVENTS.table(), EVENTS.ID.in(longOld))).isZero();
        assertThat(count(EVENTS.table(), EVENTS.ID.in(young))).isEqualTo(5);
        assertThat(resourcesOf(young)).isEqualTo(10);
        assertThat(count(EVENTS.table(), EVENTS.ID.in(noisyYoung))).isEqualTo(3);
    }

    @Test
    void replicasRunningTogetherSplitTheBacklog() throws Exception {
        List<UUID> old = store(300, "test.replicas", now.minus(Duration.ofDays(8)));
        DbVacuumSettings settings = DbVacuumSettings.defaults().withBatchSizes(200, 25);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<?>> passes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                passes.add(pool.submit(() -> new DbVacuum(server.stores().retention, settings,
                        new SettableClock(now)).runOnce()));
            }
            for (var pass : passes) {
                pass.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count(EVENTS.table(), EVENTS.ID.in(old))).isZero();
        assertThat(resourcesOf(old)).isZero();
    }

    @Test
    void flowRunRetentionDeletesOldTerminalTopLevelRunsWithTheirTreeAndNothingElse() {
        String flow = api.post("/flows/", Map.of("name", "vacuum-" + UUID.randomUUID())).expect(201).body()
                .get("id").asText();
        String key = "vacuum-key-" + UUID.randomUUID().toString().substring(0, 8);

        String keptRunning = run(flow, null);
        transition(keptRunning, "flow_runs", "RUNNING");
        String keptArtifact = artifact(keptRunning, null, key);

        String old = run(flow, null);
        transition(old, "flow_runs", "RUNNING");
        String task = api.post("/task_runs/", Map.of("flow_run_id", old, "task_key", "t", "dynamic_key", "0",
                "name", "t")).expect(201).body().get("id").asText();
        transition(task, "task_runs", "RUNNING");
        transition(task, "task_runs", "COMPLETED");
        String subflow = run(flow, task);
        transition(subflow, "flow_runs", "RUNNING");
        transition(subflow, "flow_runs", "COMPLETED");
        api.post("/logs/", List.of(log(old, null), log(old, task), log(subflow, null), log(keptRunning, null)))
                .expect(201);
        String oldArtifact = artifact(old, task, key);
        artifact(subflow, null, null);
        transition(old, "flow_runs", "COMPLETED");
        assertThat(api.get("/artifacts/" + key + "/latest").expect(200).body().get("id").asText())
                .isEqualTo(oldArtifact);

        DbVacuumSettings settings = DbVacuumSettings.defaults().withFlowRuns(true, Duration.ofDays(90));
        // Not yet old enough: nothing goes.
        new DbVacuum(server.stores().retention, settings, new SettableClock(now.plus(Duration.ofDays(89)))).runOnce();
        assertThat(count(FLOW_RUN.table(), FLOW_RUN.ID.in(uuids(old, subflow, keptRunning)))).isEqualTo(3);

        new DbVacuum(server.stores().retention, settings, new SettableClock(now.plus(Duration.ofDays(91)))).runOnce();

        List<UUID> gone = uuids(old, subflow);
        assertThat(count(FLOW_RUN.table(), FLOW_RUN.ID.in(gone))).isZero();
        assertThat(count(FLOW_RUN_STATE.table(), FLOW_RUN_STATE.RUN_ID.in(gone))).isZero();
        assertThat(count(TASK_RUN.table(), TASK_RUN.ID.eq(UUID.fromString(task)))).isZero();
        assertThat(count(TASK_RUN_STATE.table(), TASK_RUN_STATE.RUN_ID.eq(UUID.fromString(task)))).isZero();
        assertThat(count(LOG.table(), LOG.FLOW_RUN_ID.in(gone))).isZero();
        assertThat(count(ARTIFACT.table(), ARTIFACT.FLOW_RUN_ID.in(gone))).isZero();

        UUID kept = UUID.fromString(keptRunning);
        assertThat(count(FLOW_RUN.table(), FLOW_RUN.ID.eq(kept))).isEqualTo(1);
        assertThat(count(FLOW_RUN_STATE.table(), FLOW_RUN_STATE.RUN_ID.eq(kept))).isEqualTo(2);
        assertThat(count(LOG.table(), LOG.FLOW_RUN_ID.eq(kept))).isEqualTo(1);
        assertThat(count(ARTIFACT.table(), ARTIFACT.FLOW_RUN_ID.eq(kept))).isEqualTo(1);
        // The key's collection now shows the artifact that is left.
        assertThat(api.get("/artifacts/" + key + "/latest").expect(200).body().get("id").asText())
                .isEqualTo(keptArtifact);
        assertThat(count(ARTIFACT_COLLECTION.table(), ARTIFACT_COLLECTION.KEY.eq(key))).isEqualTo(1);
    }

    @Test
    void sqliteGivesTheFreedPagesBack() {
        if (db != DbKind.SQLITE) {
            return;
        }
        assertThat(pragma("auto_vacuum")).as("new databases use incremental auto-vacuum").isEqualTo(2);
        String padding = "x".repeat(2_000);
        List<UUID> old = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ArrayNode batch = Json.array();
            for (int j = 0; j < 200; j++) {
                ObjectNode e = event("test.big", now.minus(Duration.ofDays(10)));
                ((ObjectNode) e.get("payload")).put("padding", padding);
                old.add(UUID.fromString(e.get("id").asText()));
                batch.add(e);
            }
            api.post("/events", batch).expect(204);
        }
        long before = pragma("page_count");

        new DbVacuum(server.stores().retention, DbVacuumSettings.defaults(), new SettableClock(now)).runOnce();

        assertThat(count(EVENTS.table(), EVENTS.ID.in(old))).isZero();
        long after = pragma("page_count");
        assertThat(pragma("freelist_count")).isZero();
        // 2,000 events of about 2 KB each: at least 4 MB (1,000 pages) smaller.
        assertThat(before - after).as("pages given back (%d -> %d)", before, after).isGreaterThan(1_000);
    }

    private long pragma(String name) {
        return server.database().read(dsl -> ((Number) dsl.fetchValue("PRAGMA " + name)).longValue());
    }

    private List<UUID> store(int n, String type, Instant occurred) {
        ArrayNode batch = Json.array();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode e = event(type, occurred);
            ids.add(UUID.fromString(e.get("id").asText()));
            batch.add(e);
        }
        api.post("/events", batch).expect(204);
        return ids;
    }

    private static ObjectNode event(String type, Instant occurred) {
        ObjectNode e = Json.object();
        e.put("id", UUID.randomUUID().toString());
        e.put("occurred", Json.timestamp(occurred));
        e.put("event", type);
        e.set("resource", Json.object().put("prefect.resource.id", "test.resource." + UUID.randomUUID()));
        e.set("related", Json.array().add(Json.object().put("prefect.resource.id", "test.related")
                .put("prefect.resource.role", "thing")));
        e.set("payload", Json.object());
        return e;
    }

    private long resourcesOf(List<UUID> events) {
        return count(EVENT_RESOURCES.table(), EVENT_RESOURCES.EVENT_ID.in(events));
    }

    private long count(Table<?> table, Condition where) {
        return server.database().read(dsl -> dsl.fetchCount(table, where));
    }

    private String run(String flow, String parentTask) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("flow_id", flow, "state", Map.of("type", "PENDING")));
        if (parentTask != null) {
            body.put("parent_task_run_id", parentTask);
        }
        return api.post("/flow_runs/", body).expect(201).body().get("id").asText();
    }

    private void transition(String id, String kind, String type) {
        var r = api.post("/" + kind + "/" + id + "/set_state", Map.of("state", Map.of("type", type))).expect(201);
        assertThat(r.body().get("status").asText()).isEqualTo("ACCEPT");
    }

    private String artifact(String flowRun, String taskRun, String key) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("flow_run_id", flowRun, "type", "markdown",
                "data", "# hi"));
        if (taskRun != null) {
            body.put("task_run_id", taskRun);
        }
        if (key != null) {
            body.put("key", key);
        }
        return api.post("/artifacts/", body).expect(201).body().get("id").asText();
    }

    private Map<String, Object> log(String flowRun, String taskRun) {
        Map<String, Object> m = new java.util.HashMap<>(Map.of("name", "vacuum", "level", 20, "message", "m",
                "timestamp", now.toString(), "flow_run_id", flowRun));
        if (taskRun != null) {
            m.put("task_run_id", taskRun);
        }
        return m;
    }

    private static List<UUID> uuids(String... ids) {
        return java.util.Arrays.stream(ids).map(UUID::fromString).toList();
    }
}
