package io.baton.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.storage.Database;
import io.baton.testing.DbKind;
import io.baton.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The direct-SQL benchmark generator writes runs the stores can read, on every database. */
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
        data.flowRuns(flows, 1000, 300, 30, progress::add);
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

    private int count(String sql) {
        return db.read(dsl -> ((Number) dsl.fetchValue(sql)).intValue());
    }
}
