package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.EventTables.EVENTS;
import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.FlowTable.FLOW;
import static io.baton.storage.jdbc.tables.RunStateTables.FLOW_RUN_STATE;

import io.baton.domain.Ids;
import io.baton.domain.run.FlowRunPolicy;
import io.baton.domain.run.RunJson;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.storage.jdbc.tables.EventTables.EventResourcesTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jooq.SQLDialect;

/**
 * Fills a database straight through SQL, for read benchmarks at sizes the API cannot reach in reasonable time.
 *
 * <p>Flow runs: the same state mix as the load tool's {@code generate} (60% COMPLETED, 15% SCHEDULED in the
 * coming week, 10% FAILED, 5% RUNNING, 5% PENDING, 3% CANCELLED, 2% CRASHED), expected start times spread
 * evenly over the past {@code days}, real start/end times and run times for runs that ran, and one state row
 * per run (its current state). Events: {@code prefect.task-run.Pending|Running|Completed} events of task runs
 * inside the runs that ran, between their start and end, shaped as the client sends them (the load tool's
 * {@code TaskRunEvents}) and stored as {@link JdbcEventStore} stores them: one {@code events} row and one
 * {@code event_resources} row per resource (the task run, its flow run and its flow). Task run rows are not
 * written.
 *
 * <p>Speed: runs are generated in the order of their times (each run at its own place on the time line, with
 * jitter), and ids are UUIDv7 of those times, so every index of the tables receives its entries in ascending
 * order at one or a few places and each insert appends to a page already in the cache instead of reading a
 * random one. Rows are written per table in bulk ({@link BulkInsert}: JDBC batches of one prepared statement on
 * SQLite, {@code COPY} on PostgreSQL), one transaction per chunk, while the next chunk is generated on another
 * thread. JSON columns are written as text built directly, not through Jackson trees.
 */
public final class BenchmarkData {

    private static final String[][] MIX = {
            {"COMPLETED", "Completed", "60"}, {"SCHEDULED", "Scheduled", "15"}, {"FAILED", "Failed", "10"},
            {"RUNNING", "Running", "5"}, {"PENDING", "Pending", "5"}, {"CANCELLED", "Cancelled", "3"},
            {"CRASHED", "Crashed", "2"}};
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final String POLICY = Json.write(RunJson.flowRunPolicy(FlowRunPolicy.DEFAULT));
    private static final EventResourcesTable RESOURCES = new EventResourcesTable("event_resources");

    private static final BulkInsert INSERT_RUNS = new BulkInsert(FLOW_RUN.tableName(), List.of(FLOW_RUN.ID,
            FLOW_RUN.CREATED, FLOW_RUN.UPDATED, FLOW_RUN.NAME, FLOW_RUN.STATE_TYPE, FLOW_RUN.STATE_NAME,
            FLOW_RUN.STATE_TIMESTAMP, FLOW_RUN.RUN_COUNT, FLOW_RUN.EXPECTED_START_TIME,
            FLOW_RUN.NEXT_SCHEDULED_START_TIME, FLOW_RUN.START_TIME, FLOW_RUN.END_TIME, FLOW_RUN.TOTAL_RUN_TIME,
            FLOW_RUN.FLOW_ID, FLOW_RUN.PARAMETERS, FLOW_RUN.CONTEXT, FLOW_RUN.EMPIRICAL_POLICY, FLOW_RUN.TAGS,
            FLOW_RUN.LABELS, FLOW_RUN.JOB_VARIABLES, FLOW_RUN.AUTO_SCHEDULED, FLOW_RUN.STATE_ID));
    private static final BulkInsert INSERT_STATES = new BulkInsert(FLOW_RUN_STATE.tableName(), List.of(
            FLOW_RUN_STATE.ID, FLOW_RUN_STATE.CREATED, FLOW_RUN_STATE.UPDATED, FLOW_RUN_STATE.RUN_ID,
            FLOW_RUN_STATE.TYPE, FLOW_RUN_STATE.TIMESTAMP, FLOW_RUN_STATE.NAME, FLOW_RUN_STATE.STATE_DETAILS));
    private static final BulkInsert INSERT_EVENTS = new BulkInsert(EVENTS.tableName(), List.of(EVENTS.ID,
            EVENTS.CREATED, EVENTS.UPDATED, EVENTS.OCCURRED, EVENTS.EVENT, EVENTS.RESOURCE_ID, EVENTS.RESOURCE,
            EVENTS.RELATED_RESOURCE_IDS, EVENTS.RELATED, EVENTS.PAYLOAD, EVENTS.RECEIVED, EVENTS.RECORDED,
            EVENTS.FOLLOWS));
    private static final BulkInsert INSERT_RESOURCES = new BulkInsert(RESOURCES.tableName(), List.of(RESOURCES.ID,
            RESOURCES.CREATED, RESOURCES.UPDATED, RESOURCES.OCCURRED, RESOURCES.RESOURCE_ID,
            RESOURCES.RESOURCE_ROLE, RESOURCES.RESOURCE, RESOURCES.EVENT_ID));

    private final Database db;
    private final SplittableRandom random;
    /** Time spent writing each table (runs, states, events, resources) and committing, for the report. */
    private final AtomicLongArray writeNanos = new AtomicLongArray(5);

    public BenchmarkData(Database db, long seed) {
        this.db = db;
        this.random = new SplittableRandom(seed);
    }

    /** Called after each committed chunk with the totals written so far. */
    public interface Progress {
        void committed(long flowRuns, long events);
    }

    /** Creates {@code count} flows named {@code bench-flow-<i>} (existing names are kept); returns their ids. */
    public List<UUID> flows(int count) {
        return db.write(dsl -> {
            Instant now = Instant.now();
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = flowName(i);
                dsl.insertInto(FLOW.table()).set(FLOW.ID, Ids.uuid7(now)).set(FLOW.CREATED, now)
                        .set(FLOW.UPDATED, now).set(FLOW.NAME, name).set(FLOW.TAGS, Json.array())
                        .set(FLOW.LABELS, Json.object())
                        .onConflictDoNothing().execute();
                ids.add(dsl.select(FLOW.ID).from(FLOW.table()).where(FLOW.NAME.eq(name)).fetchOne(FLOW.ID));
            }
            return ids;
        });
    }

    /**
     * Inserts {@code flowRuns} flow runs of the given flows (the {@code i}-th id is {@code bench-flow-<i>}) and
     * {@code events} task-run events spread over the runs that ran. A transaction holds at most {@code chunk}
     * runs and about {@code chunk} events; {@code progress} hears of each commit.
     */
    public void generate(List<UUID> flowIds, long flowRuns, long events, int chunk, int days, Progress progress) {
        generate(flowIds, flowRuns, events, chunk, days, 2, progress);
    }

    /**
     * As above, with {@code writers} transactions written at a time on PostgreSQL; SQLite always has one.
     */
    public void generate(List<UUID> flowIds, long flowRuns, long events, int chunk, int days, int writers,
                         Progress progress) {
        if (events > 0 && flowRuns == 0) {
            throw new IllegalArgumentException("events belong to the flow runs generated with them: give flow runs");
        }
        Generator generator = new Generator(flowIds, flowRuns, events, days, Instant.now());
        boolean postgres = db.dialect() == SQLDialect.POSTGRES;
        // SQLite has one writer. On PostgreSQL each COPY runs in one backend process, and chunks are independent
        // (a run's state and events are in its own chunk), so several transactions may be written at a time:
        // two wrote 10M runs in half the time of one on a quiet 2-core machine (and gained nothing on a busy one).
        int writing = !postgres ? 1 : Math.max(1, writers);
        ExecutorService ahead = Executors.newSingleThreadExecutor(daemon("baton-bench-generator"));
        ExecutorService writerThreads = Executors.newFixedThreadPool(writing, daemon("baton-bench-writer"));
        Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
        try {
            // The next chunk is generated while the current ones are written.
            Future<Chunk> next = ahead.submit(() -> generator.next(chunk));
            while (true) {
                Chunk current = next.get();
                if (current.isEmpty()) {
                    break;
                }
                next = ahead.submit(() -> generator.next(chunk));
                if (inFlight.size() >= writing) {
                    Chunk done = inFlight.removeFirst().get();
                    progress.committed(done.runsSoFar, done.eventsSoFar);
                }
                inFlight.addLast(writerThreads.submit(() -> write(current, postgres)));
            }
            while (!inFlight.isEmpty()) {
                Chunk done = inFlight.removeFirst().get();
                progress.committed(done.runsSoFar, done.eventsSoFar);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            ahead.shutdownNow();
            writerThreads.shutdownNow();
        }
        if (postgres) {
            // Planner statistics for the new rows now, not whenever autovacuum gets to them.
            db.writeVoid(dsl -> dsl.execute("analyze flow_run, flow_run_state, events, event_resources"));
        }
    }

    private Chunk write(Chunk chunk, boolean postgres) {
        long[] wrote = new long[1];
        db.writeVoid(dsl -> dsl.connection(c -> {
            long t = System.nanoTime();
            INSERT_RUNS.write(c, postgres, chunk.runs);
            t = lap(0, t);
            INSERT_STATES.write(c, postgres, chunk.states);
            t = lap(1, t);
            INSERT_EVENTS.write(c, postgres, chunk.events);
            t = lap(2, t);
            INSERT_RESOURCES.write(c, postgres, chunk.resources);
            wrote[0] = lap(3, t);
        }));
        writeNanos.addAndGet(4, System.nanoTime() - wrote[0]);
        return chunk;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private long lap(int table, long since) {
        long now = System.nanoTime();
        writeNanos.addAndGet(table, now - since);
        return now;
    }

    /**
     * Seconds spent in each table's inserts and in commits (on SQLite with the checkpoints they trigger), summed
     * over the writers.
     */
    public String writeTimes() {
        return String.format("flow_run %.1f s, flow_run_state %.1f s, events %.1f s, event_resources %.1f s,"
                + " commit %.1f s", writeNanos.get(0) / 1e9, writeNanos.get(1) / 1e9, writeNanos.get(2) / 1e9,
                writeNanos.get(3) / 1e9, writeNanos.get(4) / 1e9);
    }

    static String flowName(int index) {
        return "bench-flow-" + index;
    }

    private record Chunk(List<Object[]> runs, List<Object[]> states, List<Object[]> events,
                         List<Object[]> resources, long runsSoFar, long eventsSoFar) {
        boolean isEmpty() {
            return runs.isEmpty() && events.isEmpty();
        }
    }

    /** The run and flow that events are attached to. */
    private record RanRun(UUID id, String name, int flow, long startMicros, long endMicros) {}

    /** Generates rows in time order; used by one thread at a time. */
    private final class Generator {
        private final List<UUID> flowIds;
        private final String[] flowLabels;
        private final String[] flowResources;
        private final long flowRuns;
        private final long events;
        private final long nowMicros;
        private final long pastMicros;
        private final long futureMicros = Duration.ofDays(7).toSeconds() * MICROS_PER_SECOND;
        private long runIndex;
        private long emitted;
        private RanRun lastRan;

        Generator(List<UUID> flowIds, long flowRuns, long events, int days, Instant now) {
            this.flowIds = flowIds;
            this.flowRuns = flowRuns;
            this.events = events;
            this.nowMicros = now.getEpochSecond() * MICROS_PER_SECOND + now.getNano() / 1000;
            this.pastMicros = Duration.ofDays(days).toSeconds() * MICROS_PER_SECOND;
            this.flowLabels = new String[flowIds.size()];
            this.flowResources = new String[flowIds.size()];
            for (int i = 0; i < flowIds.size(); i++) {
                flowLabels[i] = "{\"prefect.flow.id\":\"" + flowIds.get(i) + "\"}";
                flowResources[i] = "{\"prefect.resource.name\":\"" + flowName(i) + "\"}";
            }
        }

        Chunk next(int chunk) {
            List<Object[]> runs = new ArrayList<>(chunk);
            List<Object[]> states = new ArrayList<>(chunk);
            List<Object[]> eventRows = new ArrayList<>();
            List<Object[]> resources = new ArrayList<>();
            while (runIndex < flowRuns && runs.size() < chunk && eventRows.size() < chunk) {
                RanRun ran = run(runIndex, runs, states);
                if (ran != null) {
                    lastRan = ran;
                }
                long due = runIndex == flowRuns - 1 ? events : (long) ((double) events * (runIndex + 1) / flowRuns);
                runIndex++;
                if (due > emitted && (ran != null || runIndex == flowRuns)) {
                    taskRunEvents(ran != null ? ran : lastRan != null ? lastRan : fallback(runs), due - emitted,
                            eventRows, resources);
                }
            }
            return new Chunk(runs, states, eventRows, resources, runIndex, emitted);
        }

        /** No run ran (a tiny count): the events go to the last run written, at its creation time. */
        private RanRun fallback(List<Object[]> runs) {
            Object[] last = runs.getLast();
            long created = micros((String) last[1]);
            int flow = flowIds.indexOf(UUID.fromString((String) last[13]));
            return new RanRun(UUID.fromString((String) last[0]), (String) last[3], flow, created, created + 1000);
        }

        /** Appends run {@code index} and its state row; returns it when it ran (has a start time). */
        private RanRun run(long index, List<Object[]> runs, List<Object[]> states) {
            String[] kind = pick();
            String type = kind[0];
            boolean scheduled = type.equals("SCHEDULED");
            boolean pending = type.equals("PENDING");
            // Each run at its place on the time line (index / count), jittered within its own slot.
            double position = (index + random.nextDouble()) / flowRuns;
            long expected;
            long created;
            if (scheduled) {
                expected = nowMicros + (long) (position * futureMicros);
                created = nowMicros - 3600 * MICROS_PER_SECOND + (long) (position * 3600 * MICROS_PER_SECOND);
            } else {
                expected = nowMicros - pastMicros + (long) (position * pastMicros);
                created = expected - MICROS_PER_SECOND;
            }
            Long start = scheduled || pending ? null : expected + random.nextLong(5_000_000);
            boolean finished = start != null && !type.equals("RUNNING");
            double runTime = start == null ? 0.0 : 1 + random.nextDouble(600);
            long runMicros = (long) (runTime * MICROS_PER_SECOND);
            Long end = finished ? start + runMicros : null;
            long stateTime = end != null ? end : start != null ? start : created;
            int flow = random.nextInt(flowIds.size());
            UUID id = Ids.uuid7(created / 1000, random);
            UUID stateId = Ids.uuid7(stateTime / 1000, random);
            String name = "bench-run-" + index;
            String stateTimeText = text(stateTime);
            String expectedText = text(expected);
            runs.add(new Object[] {id.toString(), text(created), stateTimeText, name, type, kind[1], stateTimeText,
                    start == null ? 0 : 1, expectedText, scheduled ? expectedText : null,
                    start == null ? null : text(start), end == null ? null : text(end), finished ? runTime : 0.0,
                    flowIds.get(flow).toString(), "{}", "{}", POLICY, "[]", flowLabels[flow], "{}", false,
                    stateId.toString()});
            String details = scheduled ? "{\"scheduled_time\":\"" + expectedText + "\"}" : "{}";
            states.add(new Object[] {stateId.toString(), stateTimeText, stateTimeText, id.toString(), type,
                    stateTimeText, kind[1], details});
            if (start == null) {
                return null;
            }
            long until = Math.min(start + runMicros, Math.max(start + 1000, nowMicros));
            return new RanRun(id, name, flow, start, until);
        }

        /** {@code count} events of ceil(count / 3) task runs spread over the run; the last may stop early. */
        private void taskRunEvents(RanRun run, long count, List<Object[]> eventRows, List<Object[]> resources) {
            long taskRuns = (count + 2) / 3;
            long slot = Math.max(3, (run.endMicros - run.startMicros) / taskRuns);
            String flowRunResourceId = "prefect.flow-run." + run.id;
            String flowResourceId = "prefect.flow." + flowIds.get(run.flow);
            String flowRunLabels = "{\"prefect.resource.name\":\"" + run.name + "\"}";
            String related = "[{\"prefect.resource.id\":\"" + flowRunResourceId
                    + "\",\"prefect.resource.role\":\"flow-run\",\"prefect.resource.name\":\"" + run.name
                    + "\"},{\"prefect.resource.id\":\"" + flowResourceId
                    + "\",\"prefect.resource.role\":\"flow\",\"prefect.resource.name\":\"" + flowName(run.flow)
                    + "\"}]";
            String relatedIds = "[\"" + flowRunResourceId + "\",\"" + flowResourceId + "\"]";
            for (long k = 0; k < taskRuns && count > 0; k++) {
                long pendingAt = run.startMicros + k * slot;
                long step = slot / 3;
                TaskRun taskRun = new TaskRun(Ids.uuid7(pendingAt / 1000, random), "bench-task-" + k,
                        String.valueOf(k), pendingAt, pendingAt + step, pendingAt + 2 * step);
                String follows = null;
                for (int phase = 0; phase < 3 && count > 0; phase++, count--) {
                    long occurred = taskRun.at(phase);
                    long received = occurred + 1000 + random.nextLong(49_000);
                    UUID eventId = Ids.uuid7(occurred / 1000, random);
                    String occurredText = text(occurred);
                    String receivedText = text(received);
                    String labels = taskRun.labels(phase, occurredText);
                    String resourceId = "prefect.task-run." + taskRun.id;
                    eventRows.add(new Object[] {eventId.toString(), receivedText, receivedText, occurredText,
                            "prefect.task-run." + TaskRun.NAMES[phase], resourceId,
                            "{\"prefect.resource.id\":\"" + resourceId + "\"," + labels.substring(1), relatedIds,
                            related, taskRun.payload(phase), receivedText, receivedText, follows});
                    UUID resourceRowId = Ids.uuid7(received / 1000, random);
                    resources.add(new Object[] {resourceRowId.toString(), receivedText, receivedText, occurredText,
                            resourceId, "", labels, eventId.toString()});
                    resources.add(new Object[] {Ids.uuid7(received / 1000, random).toString(), receivedText,
                            receivedText, occurredText, flowRunResourceId, "flow-run", flowRunLabels,
                            eventId.toString()});
                    resources.add(new Object[] {Ids.uuid7(received / 1000, random).toString(), receivedText,
                            receivedText, occurredText, flowResourceId, "flow", flowResources[run.flow],
                            eventId.toString()});
                    follows = eventId.toString();
                    emitted++;
                }
            }
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

    /** One task run's three events: the JSON the Prefect client sends for them. */
    private record TaskRun(UUID id, String name, String dynamicKey, long pending, long running, long completed) {
        static final String[] NAMES = {"Pending", "Running", "Completed"};
        static final String[] TYPES = {"PENDING", "RUNNING", "COMPLETED"};

        long at(int phase) {
            return phase == 0 ? pending : phase == 1 ? running : completed;
        }

        /** The resource's labels without its id (as {@code event_resources} stores them). */
        String labels(int phase, String occurredText) {
            return "{\"prefect.resource.name\":\"" + name + "\",\"prefect.run-count\":\"" + (phase == 0 ? 0 : 1)
                    + "\",\"prefect.state-message\":\"\",\"prefect.state-name\":\"" + NAMES[phase]
                    + "\",\"prefect.state-timestamp\":\"" + occurredText.substring(0, occurredText.length() - 1)
                    + "+00:00\",\"prefect.state-type\":\"" + TYPES[phase] + "\",\"prefect.orchestration\":\"client\"}";
        }

        String payload(int phase) {
            StringBuilder s = new StringBuilder(700);
            s.append("{\"intended\":{\"from\":").append(phase == 0 ? "null" : "\"" + TYPES[phase - 1] + "\"")
                    .append(",\"to\":\"").append(TYPES[phase]).append("\"},\"initial_state\":");
            if (phase == 0) {
                s.append("null");
            } else {
                s.append("{\"type\":\"").append(TYPES[phase - 1]).append("\",\"name\":\"").append(NAMES[phase - 1])
                        .append("\",\"message\":\"\",\"state_details\":{}}");
            }
            s.append(",\"validated_state\":{\"type\":\"").append(TYPES[phase]).append("\",\"name\":\"")
                    .append(NAMES[phase]).append("\",\"message\":\"\",\"state_details\":")
                    .append(phase == 2 ? "{\"untrackable_result\":true}" : "{}").append(",\"data\":null}");
            int runCount = phase == 0 ? 0 : 1;
            s.append(",\"task_run\":{\"name\":\"").append(name).append("\",\"task_key\":\"bench-task-")
                    .append(Integer.toHexString(name.hashCode())).append("\",\"dynamic_key\":\"").append(dynamicKey)
                    .append("\",\"empirical_policy\":{\"max_retries\":0,\"retry_delay_seconds\":0.0,\"retries\":0,"
                            + "\"retry_delay\":0},\"tags\":[],\"labels\":{},\"task_inputs\":{},\"run_count\":")
                    .append(runCount).append(",\"flow_run_run_count\":").append(runCount)
                    .append(",\"expected_start_time\":\"").append(text(pending)).append('"');
            if (phase >= 1) {
                s.append(",\"start_time\":\"").append(text(running)).append('"');
            }
            if (phase == 2) {
                s.append(",\"end_time\":\"").append(text(completed)).append('"');
            }
            double runTime = phase == 2 ? (completed - running) / (double) MICROS_PER_SECOND : 0.0;
            return s.append(",\"total_run_time\":").append(runTime).append("}}").toString();
        }
    }

    /** The stored text of an instant given in epoch microseconds (both databases read it). */
    private static String text(long micros) {
        return ColumnTypes.sqliteText(Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1000));
    }

    private static long micros(String text) {
        Instant i = ColumnTypes.parseSqliteText(text);
        return i.getEpochSecond() * MICROS_PER_SECOND + i.getNano() / 1000;
    }
}
