package io.baton.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Change;
import io.baton.domain.deployment.Deployment;
import io.baton.domain.deployment.DeploymentWrite;
import io.baton.domain.deployment.ScheduleSpec;
import io.baton.domain.schedule.RunGenerationPolicy;
import io.baton.domain.schedule.Schedule;
import io.baton.domain.schedule.ScheduledRuns;
import io.baton.domain.schedule.SchedulerSettings;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.storage.DeploymentStore;
import io.baton.storage.SchedulerStore;
import io.baton.storage.jdbc.JdbcDeploymentStore;
import io.baton.storage.jdbc.JdbcFlowStore;
import io.baton.storage.jdbc.JdbcSchedulerStore;
import io.baton.storage.jdbc.tables.FlowRunTable;
import io.baton.storage.jdbc.tables.SchedulingTables;
import io.baton.testing.DbKind;
import io.baton.testing.TestDatabases;
import io.baton.app.DatabaseUrl;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The scheduler and late-run marking against real storage, on every database. */
@ParameterizedClass
@EnumSource(DbKind.class)
class DeploymentSchedulerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:30:00.123456Z");
    private static final SchedulerSettings SETTINGS = SchedulerSettings.DEFAULTS;

    @Parameter
    DbKind kind;

    DatabaseUrl url;
    Database db;
    DeploymentStore deployments;
    SchedulerStore store;
    UUID flowId;

    @BeforeEach
    void open() {
        url = TestDatabases.fresh(kind);
        db = Database.open(url);
        db.migrate();
        deployments = new JdbcDeploymentStore(db);
        store = new JdbcSchedulerStore(db);
        flowId = new JdbcFlowStore(db).createOrGet("flow", List.of(), Json.object()).value().id();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private DeploymentScheduler scheduler(Database on) {
        return new DeploymentScheduler(new JdbcDeploymentStore(on), new JdbcSchedulerStore(on), SETTINGS, 100, 500);
    }

    private Deployment deploy(String name, String scheduleJson) {
        Schedule schedule = Schedule.fromJson(Json.read(scheduleJson), NOW).orThrow();
        ScheduleSpec spec = new ScheduleSpec(schedule, true, null, Json.object().put("y", 2), null);
        DeploymentWrite write = new DeploymentWrite(name, flowId, null, null, null, new Change<>(List.of(spec)), null,
                null, null, null, null, new Change<>(Json.object().put("x", 1)), new Change<>(List.of("t1")), null,
                null, null, null, null, null, null, null, null, null);
        return deployments.upsert(write).value();
    }

    /** (expected start, idempotency key) of the deployment's scheduled runs. */
    private Map<Instant, String> runs(UUID deploymentId) {
        FlowRunTable fr = FlowRunTable.FLOW_RUN;
        Map<Instant, String> out = new HashMap<>();
        db.read(dsl -> dsl.select(fr.EXPECTED_START_TIME, fr.IDEMPOTENCY_KEY).from(fr.table())
                .where(fr.DEPLOYMENT_ID.eq(deploymentId)).fetch())
                .forEach(r -> out.put(r.get(fr.EXPECTED_START_TIME), r.get(fr.IDEMPOTENCY_KEY)));
        return out;
    }

    private Map<Instant, String> planned(Deployment d) {
        var s = d.schedules().getFirst();
        Schedule schedule = Schedule.fromJson(s.schedule(), s.created()).orThrow();
        Map<Instant, String> out = new HashMap<>();
        RunGenerationPolicy.runTimes(schedule, NOW, SETTINGS).forEach(date ->
                out.put(date.toInstant(), ScheduledRuns.idempotencyKey(d.id(), s.id(), date)));
        return out;
    }

    @Test
    void generatesPrefectsRunTimesAndKeysForEveryScheduleKind() {
        List<String> documents = List.of(
                "{\"interval\": 3600, \"anchor_date\": \"2026-01-01T00:00:00Z\", \"timezone\": \"UTC\"}",
                "{\"cron\": \"*/20 * * * *\", \"timezone\": \"Europe/Berlin\"}",
                "{\"rrule\": \"DTSTART:20260101T080000Z\\nRRULE:FREQ=DAILY;BYHOUR=8,20\", \"timezone\": \"UTC\"}");
        for (int i = 0; i < documents.size(); i++) {
            Deployment d = deploy("d" + i, documents.get(i));
            Map<Instant, String> expected = planned(d);
            assertThat(expected).isNotEmpty();
            assertThat(scheduler(db).schedule(NOW, null)).isEqualTo(expected.size());
            assertThat(runs(d.id())).isEqualTo(expected);
        }
        // Every schedule has its runs now: a further pass adds nothing.
        assertThat(scheduler(db).schedule(NOW, null)).isZero();
    }

    @Test
    void scheduledRunsCarryTheirStateAndDeploymentFields() {
        Deployment d = deploy("d", "{\"interval\": 600, \"anchor_date\": \"2026-01-01T00:00:00Z\"}");
        scheduler(db).schedule(NOW, null);
        FlowRunTable fr = FlowRunTable.FLOW_RUN;
        var st = SchedulingTables.FLOW_RUN_STATE;
        var rows = db.read(dsl -> dsl.select(fr.NAME, fr.TAGS, fr.PARAMETERS, fr.CREATED_BY, fr.AUTO_SCHEDULED, fr.STATE_NAME,
                        st.NAME, st.MESSAGE, st.STATE_DETAILS, fr.EXPECTED_START_TIME)
                .from(fr.table()).join(st.table()).on(st.ID.eq(fr.STATE_ID))
                .where(fr.DEPLOYMENT_ID.eq(d.id())).fetch());
        assertThat(rows).isNotEmpty();
        var first = rows.getFirst();
        assertThat(first.get(fr.TAGS).toString()).isEqualTo("[\"auto-scheduled\",\"t1\"]");
        assertThat(first.get(fr.PARAMETERS)).isEqualTo(Json.read("{\"x\":1,\"y\":2}"));
        assertThat(first.get(fr.CREATED_BY).get("type").asText()).isEqualTo("SCHEDULE");
        assertThat(first.get(fr.CREATED_BY).get("display_value").asText()).isEqualTo("IntervalSchedule");
        assertThat(first.get(fr.AUTO_SCHEDULED)).isTrue();
        assertThat(first.get(st.NAME)).isEqualTo("Scheduled");
        assertThat(first.get(st.MESSAGE)).isEqualTo("Flow run scheduled");
        JsonNode details = first.get(st.STATE_DETAILS);
        assertThat(Instant.parse(details.get("scheduled_time").asText())).isEqualTo(first.get(fr.EXPECTED_START_TIME));
        // A runner's poll shows the scheduler's state without its run's id (it-test_serve_a_flow line 18).
        assertThat(details.path("flow_run_id").isNull()).isTrue();
    }

    @Test
    void twoSchedulersAtOnceNeverDuplicate() throws Exception {
        Deployment d = deploy("d", "{\"interval\": 60, \"anchor_date\": \"2026-01-01T00:00:00Z\"}");
        int expected = planned(d).size();
        try (Database other = Database.open(url)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> passes = List.of(
                    pool.submit(() -> { start.await(); return scheduler(db).schedule(NOW, null); }),
                    pool.submit(() -> { start.await(); return scheduler(other).schedule(NOW, null); }));
            start.countDown();
            int inserted = passes.get(0).get() + passes.get(1).get();
            pool.shutdown();
            assertThat(inserted).isEqualTo(expected);
        }
        assertThat(runs(d.id())).hasSize(expected);
    }

    @Test
    void pausedDeploymentsGetNoRuns() {
        Deployment d = deploy("d", "{\"interval\": 60}");
        deployments.setPaused(d.id(), true);
        assertThat(scheduler(db).schedule(NOW, null)).isZero();
        assertThat(store.deploymentsNeedingRuns(NOW, SETTINGS, null, 10, null)).isEmpty();
    }

    @Test
    void recentPassOnlyLooksAtChangedDeployments() {
        deploy("d", "{\"interval\": 60}");
        Instant future = Instant.now().plus(Duration.ofDays(1));
        assertThat(store.deploymentsNeedingRuns(NOW, SETTINGS, null, 10, future)).isEmpty();
        assertThat(store.deploymentsNeedingRuns(NOW, SETTINGS, null, 10, Instant.now().minusSeconds(60))).hasSize(1);
    }

    @Test
    void lateRunsAreMarkedOnceAndOnlyWhenOverdue() {
        Deployment d = deploy("d", "{\"interval\": 60, \"anchor_date\": \"2026-01-01T00:00:00Z\"}");
        Instant now = Instant.now();
        // Runs from ten minutes ago up to five minutes ahead.
        scheduler(db).backfill(d, now.minus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(5)),
                Duration.ZERO, 100, 100);
        FlowRunTable fr = FlowRunTable.FLOW_RUN;
        long overdue = db.read(dsl -> dsl.selectCount().from(fr.table())
                .where(fr.NEXT_SCHEDULED_START_TIME.le(now.minusSeconds(15))).fetchOne(0, Long.class));
        assertThat(overdue).isGreaterThan(5);
        assertThat(store.markLateRuns(now, Duration.ofSeconds(15), 400)).isEqualTo((int) overdue);
        assertThat(store.markLateRuns(now, Duration.ofSeconds(15), 400)).isZero();
        var st = SchedulingTables.FLOW_RUN_STATE;
        long lateStates = db.read(dsl -> dsl.selectCount().from(fr.table()).join(st.table()).on(st.ID.eq(fr.STATE_ID))
                .where(fr.STATE_NAME.eq("Late")).and(st.NAME.eq("Late")).and(st.TYPE.eq("SCHEDULED"))
                .fetchOne(0, Long.class));
        assertThat(lateStates).isEqualTo(overdue);
    }
}
