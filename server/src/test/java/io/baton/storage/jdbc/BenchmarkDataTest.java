package io.baton.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.events.EventFilter;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.testing.DbKind;
import io.baton.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The direct-SQL benchmark generator writes runs and events the stores can read, on every database. */
@ParameterizedClass
@EnumSource(DbKind.class)
class BenchmarkDataTest {

    @Parameter
    DbKind kind;

    Database db;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.fresh(kind));
        db.migrate();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void runsHaveTheirCurrentStateAndTheMix() {
        BenchmarkData data = new BenchmarkData(db, 1);
        List<UUID> flows = data.flows(3);
        assertThat(data.flows(3)).isEqualTo(flows);
        List<Long> progress = new ArrayList<>();
        data.generate(flows, 1000, 0, 300, 30, (runs, events) -> progress.add(runs));
        assertThat(progress).containsExactly(300L, 600L, 900L, 1000L);

        int runs = count("select count(*) from flow_run");
        int withState = count("select count(*) from flow_run r join flow_run_state s on s.id = r.state_id"
                + " where s.flow_run_id = r.id and s.type = r.state_type and s.timestamp = r.state_timestamp");
        int types = count("select count(distinct state_type) from flow_run");
        int scheduledInFuture = count("select count(*) from flow_run"
                + " where state_type = 'SCHEDULED' and next_scheduled_start_time is not null");
        assertThat(runs).isEqualTo(1000);
        assertThat(withState).isEqualTo(1000);
        assertThat(types).isEqualTo(7);
        assertThat(scheduledInFuture).isBetween(100, 200);
    }

    @Test
    void eventsAreTaskRunEventsOfRunsThatRanAndReadBackThroughTheEventStore() {
        BenchmarkData data = new BenchmarkData(db, 2);
        List<UUID> flows = data.flows(2);
        List<long[]> progress = new ArrayList<>();
        data.generate(flows, 500, 1000, 200, 30, (runs, events) -> progress.add(new long[] {runs, events}));
        assertThat(progress.getLast()).containsExactly(500L, 1000L);
        for (long[] p : progress) {
            assertThat(p[1]).isLessThanOrEqualTo(1000);
        }

        assertThat(count("select count(*) from events")).isEqualTo(1000);
        assertThat(count("select count(*) from events where event in"
                + " ('prefect.task-run.Pending', 'prefect.task-run.Running', 'prefect.task-run.Completed')"))
                .isEqualTo(1000);
        // One resource row per resource: the task run (primary role ''), its flow run and its flow.
        assertThat(count("select count(*) from event_resources")).isEqualTo(3000);
        assertThat(count("select count(*) from event_resources where resource_role = ''")).isEqualTo(1000);
        // Every event belongs to a generated run that ran, and occurred while it ran.
        assertThat(count("select count(*) from event_resources er join flow_run r"
                + " on er.resource_id = 'prefect.flow-run.' || cast(r.id as text)"
                + " where er.resource_role = 'flow-run' and r.start_time is not null"
                + " and er.occurred >= r.start_time")).isEqualTo(1000);
        // Running and Completed follow the task run's previous event.
        assertThat(count("select count(*) from events e join events p on p.id = e.follows"
                + " where p.resource_id = e.resource_id")).isEqualTo(count("select count(*) from events"
                + " where follows is not null"));

        JdbcEventStore store = new JdbcEventStore(db, new JdbcTaskRunRecorderStore());
        String flowRun = db.read(dsl -> (String) dsl.fetchValue("select resource_id from event_resources"
                + " where resource_role = 'flow-run' limit 1"));
        EventFilter filter = EventFilter.parse(Json.read("{\"occurred\": {\"since\": \"2000-01-01T00:00:00Z\"},"
                + " \"related\": {\"id\": [\"" + flowRun + "\"]}}"), Instant.now().plusSeconds(3600));
        List<JsonNode> events = store.query(filter, 50, 0);
        assertThat(events).isNotEmpty();
        for (JsonNode e : events) {
            assertThat(filter.matches(e)).isTrue();
            assertThat(e.get("event").asText()).startsWith("prefect.task-run.");
            assertThat(e.get("resource").get("prefect.resource.id").asText()).startsWith("prefect.task-run.");
            assertThat(e.get("payload").get("task_run").get("name").asText()).startsWith("bench-task-");
        }
    }

    private int count(String sql) {
        return db.read(dsl -> ((Number) dsl.fetchValue(sql)).intValue());
    }
}
