package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.FlowTable.FLOW;
import static io.baton.storage.jdbc.tables.RunStateTables.FLOW_RUN_STATE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Ids;
import io.baton.domain.run.FlowRunPolicy;
import io.baton.domain.run.RunJson;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.storage.jdbc.tables.FlowRunTable;
import io.baton.storage.jdbc.tables.RunStateTables.StateTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Fills a database with flow runs straight through SQL, for read benchmarks at sizes the API cannot reach in
 * reasonable time: the same state mix as the load tool's {@code generate} (60% COMPLETED, 15% SCHEDULED in
 * the coming week, 10% FAILED, 5% RUNNING, 5% PENDING, 3% CANCELLED, 2% CRASHED), expected start times
 * spread over the past {@code days}, real start/end times and run times for runs that ran, and one state row
 * per run (its current state). Written in multi-row inserts, a transaction per chunk.
 */
public final class BenchmarkData {

    private static final int ROWS_PER_STATEMENT = 500;
    private static final String[][] MIX = {
            {"COMPLETED", "Completed", "60"}, {"SCHEDULED", "Scheduled", "15"}, {"FAILED", "Failed", "10"},
            {"RUNNING", "Running", "5"}, {"PENDING", "Pending", "5"}, {"CANCELLED", "Cancelled", "3"},
            {"CRASHED", "Crashed", "2"}};

    private static final JsonNode POLICY = RunJson.flowRunPolicy(FlowRunPolicy.DEFAULT);

    private final Database db;
    private final SplittableRandom random;

    public BenchmarkData(Database db, long seed) {
        this.db = db;
        this.random = new SplittableRandom(seed);
    }

    /** Creates {@code count} flows named {@code bench-flow-<i>} (existing names are kept); returns their ids. */
    public List<UUID> flows(int count) {
        return db.write(dsl -> {
            Instant now = Instant.now();
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "bench-flow-" + i;
                dsl.insertInto(FLOW.table()).set(FLOW.ID, Ids.uuid7(now)).set(FLOW.CREATED, now)
                        .set(FLOW.UPDATED, now).set(FLOW.NAME, name).set(FLOW.TAGS, Json.array())
                        .set(FLOW.LABELS, Json.object())
                        .onConflictDoNothing().execute();
                ids.add(dsl.select(FLOW.ID).from(FLOW.table()).where(FLOW.NAME.eq(name)).fetchOne(FLOW.ID));
            }
            return ids;
        });
    }

    /** Inserts {@code count} flow runs of the given flows, {@code chunk} per transaction; reports progress. */
    public void flowRuns(List<UUID> flowIds, long count, int chunk, int days, LongConsumer progress) {
        Instant now = Instant.now();
        long done = 0;
        while (done < count) {
            int n = (int) Math.min(chunk, count - done);
            List<Object[]> runs = new ArrayList<>(n);
            List<Object[]> states = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                generate(flowIds.get(random.nextInt(flowIds.size())), now, days, done + i, runs, states);
            }
            db.writeVoid(dsl -> {
                FlowRunTable r = FLOW_RUN;
                StateTable s = FLOW_RUN_STATE;
                for (int from = 0; from < runs.size(); from += ROWS_PER_STATEMENT) {
                    var insertRuns = dsl.insertInto(r.table(), r.ID, r.CREATED, r.UPDATED, r.NAME, r.STATE_TYPE,
                            r.STATE_NAME, r.STATE_TIMESTAMP, r.RUN_COUNT, r.EXPECTED_START_TIME,
                            r.NEXT_SCHEDULED_START_TIME, r.START_TIME, r.END_TIME, r.TOTAL_RUN_TIME, r.FLOW_ID,
                            r.PARAMETERS, r.CONTEXT, r.EMPIRICAL_POLICY, r.TAGS, r.LABELS, r.JOB_VARIABLES,
                            r.AUTO_SCHEDULED, r.STATE_ID);
                    var insertStates = dsl.insertInto(s.table(), s.ID, s.CREATED, s.UPDATED, s.RUN_ID, s.TYPE,
                            s.TIMESTAMP, s.NAME, s.STATE_DETAILS);
                    int to = Math.min(runs.size(), from + ROWS_PER_STATEMENT);
                    for (Object[] row : runs.subList(from, to)) {
                        insertRuns = insertRuns.values(Arrays.asList(row));
                    }
                    for (Object[] row : states.subList(from, to)) {
                        insertStates = insertStates.values(Arrays.asList(row));
                    }
                    insertRuns.execute();
                    insertStates.execute();
                }
            });
            done += n;
            progress.accept(done);
        }
    }

    private void generate(UUID flowId, Instant now, int days, long index, List<Object[]> runs,
                          List<Object[]> states) {
        String[] kind = pick();
        String type = kind[0];
        boolean scheduled = type.equals("SCHEDULED");
        boolean pending = type.equals("PENDING");
        Instant expected = scheduled
                ? now.plusSeconds(random.nextLong(Duration.ofDays(7).toSeconds()))
                : now.minusSeconds(random.nextLong(Duration.ofDays(days).toSeconds()));
        Instant created = scheduled ? now.minusSeconds(random.nextLong(3600)) : expected.minusSeconds(1);
        Instant start = scheduled || pending ? null : expected.plusMillis(random.nextLong(5_000));
        boolean finished = start != null && !type.equals("RUNNING");
        double runTime = start == null ? 0.0 : 1 + random.nextDouble(600);
        Instant end = finished ? start.plusMillis((long) (runTime * 1000)) : null;
        Instant stateTime = end != null ? end : start != null ? start : created;
        UUID id = Ids.uuid7(created);
        UUID stateId = Ids.uuid7(stateTime);
        ObjectNode labels = Json.object();
        labels.put("prefect.flow.id", flowId.toString());
        ObjectNode details = Json.object();
        if (scheduled) {
            details.put("scheduled_time", Json.timestamp(expected));
        }
        runs.add(new Object[] {id, created, stateTime, "bench-run-" + index, type, kind[1], stateTime,
                start == null ? 0 : 1, expected, scheduled ? expected : null, start, end,
                finished ? runTime : 0.0, flowId, Json.object(), Json.object(), POLICY, Json.array(), labels,
                Json.object(), false, stateId});
        states.add(new Object[] {stateId, stateTime, stateTime, id, type, stateTime, kind[1], details});
    }

    private String[] pick() {
        int roll = random.nextInt(100);
        for (String[] kind : MIX) {
            roll -= Integer.parseInt(kind[2]);
            if (roll < 0) {
                return kind;
            }
        }
        return MIX[0];
    }
}
