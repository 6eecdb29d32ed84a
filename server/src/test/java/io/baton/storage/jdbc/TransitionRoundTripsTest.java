package io.baton.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.domain.orchestration.ClientInfo;
import io.baton.domain.run.FlowRunPolicy;
import io.baton.domain.run.NewFlowRun;
import io.baton.domain.state.StateCreate;
import io.baton.domain.state.StateType;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.storage.RunEffectSinks;
import io.baton.storage.jdbc.orchestration.SlotPorts;
import io.baton.testing.DbKind;
import io.baton.testing.TestDatabases;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins the PostgreSQL round trips of the flow-run lifecycle so they do not creep back: counted on the client,
 * as the protocol messages pgjdbc logs (one Sync closes each round trip, one Execute per statement sent).
 */
class TransitionRoundTripsTest {

    Database db;
    JdbcFlowRunStore flowRuns;
    UUID flowId;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.fresh(DbKind.POSTGRES));
        db.migrate();
        flowRuns = new JdbcFlowRunStore(db, SlotPorts.NONE, RunEffectSinks.NONE);
        flowId = new JdbcFlowStore(db).createOrGet("f", List.of("flow-tag"), Json.object()).value().id();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aTransitionTakesFourRoundTripsAndTheCreateSix() {
        NewFlowRun c = new NewFlowRun(flowId, null, null, null, null, null, null, null, FlowRunPolicy.DEFAULT,
                List.of("run-tag"), null, null, null, null, null, null);
        // Warm the pool and the statements so the count is of a steady server's work.
        UUID warm = flowRuns.create(c, ClientInfo.UNKNOWN).value().id();
        flowRuns.setState(warm, StateCreate.of(StateType.RUNNING), false, ClientInfo.UNKNOWN);

        Traffic create = count(() -> flowRuns.create(c, ClientInfo.UNKNOWN).value().id());
        UUID id = (UUID) create.value;
        Traffic running = count(() -> flowRuns.setState(id, StateCreate.of(StateType.RUNNING), false,
                ClientInfo.UNKNOWN));
        Traffic completed = count(() -> flowRuns.setState(id, StateCreate.of(StateType.COMPLETED), false,
                ClientInfo.UNKNOWN));

        assertThat(flowRuns.states(id)).extracting(s -> s.type())
                .containsExactly(StateType.PENDING, StateType.RUNNING, StateType.COMPLETED);
        // create: the labels' read, the run insert, the event's related resources, state insert + run update +
        // event in one statement text, the read back, commit.
        assertThat(create.roundTrips).as("create round trips (%s statements)", create.statements).isEqualTo(ROUND_TRIPS_CREATE);
        // set_state: the row lock, the run's read, state insert + run update + event in one statement, commit.
        assertThat(running.roundTrips).as("RUNNING round trips (%s statements)", running.statements).isEqualTo(ROUND_TRIPS_TRANSITION);
        assertThat(completed.roundTrips).as("COMPLETED round trips (%s statements)", completed.statements).isEqualTo(ROUND_TRIPS_TRANSITION);
    }

    static final int ROUND_TRIPS_CREATE = 6;
    static final int ROUND_TRIPS_TRANSITION = 4;

    record Traffic(Object value, int roundTrips, int statements) {}

    private static Traffic count(Supplier<Object> work) {
        Logger protocol = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        Level before = protocol.getLevel();
        AtomicInteger syncs = new AtomicInteger();
        AtomicInteger executes = new AtomicInteger();
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String m = r.getMessage();
                if (m == null) {
                    return;
                }
                if (m.startsWith(" FE=> Sync")) {
                    syncs.incrementAndGet();
                } else if (m.startsWith(" FE=> Execute")) {
                    executes.incrementAndGet();
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        counter.setLevel(Level.ALL);
        protocol.setLevel(Level.FINEST);
        protocol.addHandler(counter);
        try {
            Object value = work.get();
            return new Traffic(value, syncs.get(), executes.get());
        } finally {
            protocol.removeHandler(counter);
            protocol.setLevel(before);
        }
    }
}
