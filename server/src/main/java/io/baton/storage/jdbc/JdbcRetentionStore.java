package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.FlowRunRows.FR;
import static io.baton.storage.jdbc.TaskRunRows.TR;
import static io.baton.storage.jdbc.tables.ArtifactTables.ARTIFACT;
import static io.baton.storage.jdbc.tables.ArtifactTables.ARTIFACT_COLLECTION;
import static io.baton.storage.jdbc.tables.EventTables.EVENTS;
import static io.baton.storage.jdbc.tables.LogTable.LOG;

import io.baton.domain.state.StateType;
import io.baton.storage.Database;
import io.baton.storage.RetentionStore;
import io.baton.storage.jdbc.tables.EventTables.EventResourcesTable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.SQLDialect;
import org.jooq.SelectForUpdateStep;
import org.jooq.impl.DSL;

/** Retention deletes over both dialects ({@link RetentionStore}). */
public final class JdbcRetentionStore implements RetentionStore {

    private static final EventResourcesTable EVENT_RESOURCES = new EventResourcesTable("event_resources");
    private static final List<String> TERMINAL = StateType.TERMINAL.stream().map(Enum::name).toList();

    private final Database db;

    public JdbcRetentionStore(Database db) {
        this.db = db;
    }

    @Override
    public int deleteEvents(Instant cutoff, Collection<String> onlyTypes, int batch) {
        Condition where = onlyTypes.isEmpty() ? EVENTS.OCCURRED.lt(cutoff)
                : EVENTS.OCCURRED.lt(cutoff).and(EVENTS.EVENT.in(onlyTypes));
        return db.write(dsl -> {
            List<UUID> ids = claim(dsl, dsl.select(EVENTS.ID).from(EVENTS.table()).where(where)
                    .orderBy(EVENTS.OCCURRED).limit(batch));
            if (ids.isEmpty()) {
                return 0;
            }
            dsl.deleteFrom(EVENT_RESOURCES.table()).where(EVENT_RESOURCES.EVENT_ID.in(ids)).execute();
            return dsl.deleteFrom(EVENTS.table()).where(EVENTS.ID.in(ids)).execute();
        });
    }

    @Override
    public int deleteFlowRuns(Instant endedBefore, int batch) {
        return db.write(dsl -> {
            List<UUID> runs = claim(dsl, dsl.select(FR.ID).from(FR.table())
                    .where(FR.PARENT_TASK_RUN_ID.isNull())
                    .and(FR.STATE_TYPE.in(TERMINAL))
                    .and(FR.END_TIME.lt(endedBefore))
                    .orderBy(FR.END_TIME).limit(batch));
            if (runs.isEmpty()) {
                return 0;
            }
            List<UUID> tasks = dsl.select(TR.ID).from(TR.table()).where(TR.FLOW_RUN_ID.in(runs)).fetch(TR.ID);
            // Logs and artifacts have no foreign keys: deleted by run (and by task run, for rows without one).
            dsl.deleteFrom(LOG.table()).where(LOG.FLOW_RUN_ID.in(runs)).execute();
            List<String> keys = new java.util.ArrayList<>(dsl.selectDistinct(ARTIFACT_COLLECTION.KEY).from(ARTIFACT_COLLECTION.table())
                    .join(ARTIFACT.table()).on(ARTIFACT.ID.eq(ARTIFACT_COLLECTION.LATEST_ID))
                    .where(ARTIFACT.FLOW_RUN_ID.in(runs))
                    .fetch(ARTIFACT_COLLECTION.KEY));
            dsl.deleteFrom(ARTIFACT.table()).where(ARTIFACT.FLOW_RUN_ID.in(runs)).execute();
            for (List<UUID> chunk : chunks(tasks)) {
                dsl.deleteFrom(LOG.table()).where(LOG.TASK_RUN_ID.in(chunk)).execute();
                keys.addAll(dsl.selectDistinct(ARTIFACT_COLLECTION.KEY).from(ARTIFACT_COLLECTION.table())
                        .join(ARTIFACT.table()).on(ARTIFACT.ID.eq(ARTIFACT_COLLECTION.LATEST_ID))
                        .where(ARTIFACT.TASK_RUN_ID.in(chunk))
                        .fetch(ARTIFACT_COLLECTION.KEY));
                dsl.deleteFrom(ARTIFACT.table()).where(ARTIFACT.TASK_RUN_ID.in(chunk)).execute();
            }
            Instant now = Instant.now();
            for (String key : keys.stream().distinct().toList()) {
                if (!JdbcArtifactStore.repointCollection(dsl, key, now)) {
                    dsl.deleteFrom(ARTIFACT_COLLECTION.table()).where(ARTIFACT_COLLECTION.KEY.eq(key)).execute();
                }
            }
            // States, task runs (with their states) and inputs go with the run (ON DELETE CASCADE).
            return dsl.deleteFrom(FR.table()).where(FR.ID.in(runs)).execute();
        });
    }

    @Override
    public int reclaimSpace(int pages) {
        if (!db.isSqlite()) {
            return 0;
        }
        return db.write(dsl -> {
            Object mode = dsl.fetchValue("PRAGMA auto_vacuum");
            if (!(mode instanceof Number n) || n.intValue() != 2) {
                return 0;
            }
            long free = freePages(dsl);
            if (free == 0) {
                return 0;
            }
            // The pragma frees pages as its result is stepped through: every row must be read.
            dsl.fetch("PRAGMA incremental_vacuum(" + Math.max(1, pages) + ")");
            return (int) (free - freePages(dsl));
        });
    }

    private static long freePages(DSLContext dsl) {
        return ((Number) dsl.fetchValue("PRAGMA freelist_count")).longValue();
    }

    /** The candidates' ids; on PostgreSQL locked, skipping rows another replica has claimed. */
    private static List<UUID> claim(DSLContext dsl, SelectForUpdateStep<Record1<UUID>> select) {
        return dsl.dialect() == SQLDialect.POSTGRES ? select.forUpdate().skipLocked().fetch(0, UUID.class)
                : select.fetch(0, UUID.class);
    }

    /** Bound parameter lists stay under SQLite's and PostgreSQL's limits. */
    private static List<List<UUID>> chunks(List<UUID> ids) {
        int size = 10_000;
        return java.util.stream.IntStream.range(0, (ids.size() + size - 1) / size)
                .mapToObj(i -> ids.subList(i * size, Math.min(ids.size(), (i + 1) * size))).toList();
    }
}
