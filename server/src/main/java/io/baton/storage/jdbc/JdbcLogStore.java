package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.LogTable.LOG;

import io.baton.logs.LogFilter;
import io.baton.logs.LogRecord;
import io.baton.logs.TextSearch;
import io.baton.storage.Database;
import io.baton.storage.LogStore;
import io.baton.storage.jdbc.filter.FilterCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.InsertValuesStep9;
import org.jooq.Record;
import org.jooq.impl.DSL;

public final class JdbcLogStore implements LogStore {

    /** Rows per INSERT statement: 9 binds each, well under either database's parameter limit. */
    private static final int ROWS_PER_STATEMENT = 500;

    private final Database db;

    public JdbcLogStore(Database db) {
        this.db = db;
    }

    @Override
    public void create(List<LogRecord> logs) {
        if (logs.isEmpty()) {
            return;
        }
        db.writeVoid(dsl -> {
            for (int from = 0; from < logs.size(); from += ROWS_PER_STATEMENT) {
                InsertValuesStep9<Record, UUID, java.time.Instant, java.time.Instant, String, Integer, String,
                        java.time.Instant, UUID, UUID> insert = dsl.insertInto(LOG.table(), LOG.ID, LOG.CREATED,
                        LOG.UPDATED, LOG.NAME, LOG.LEVEL, LOG.MESSAGE, LOG.TIMESTAMP, LOG.FLOW_RUN_ID, LOG.TASK_RUN_ID);
                for (LogRecord l : logs.subList(from, Math.min(logs.size(), from + ROWS_PER_STATEMENT))) {
                    insert = insert.values(l.id(), l.created(), l.updated(), l.name(), l.level(), l.message(),
                            l.timestamp(), l.flowRunId(), l.taskRunId());
                }
                insert.execute();
            }
        });
    }

    @Override
    public List<LogRecord> filter(LogFilter filter, boolean descending, int limit, int offset) {
        return db.read(dsl -> dsl.select(columns()).from(LOG.table())
                .where(condition(filter))
                .orderBy(descending ? LOG.TIMESTAMP.desc() : LOG.TIMESTAMP.asc())
                .limit(limit)
                .offset(offset)
                .fetch(JdbcLogStore::map));
    }

    @Override
    public Optional<String> flowRunName(UUID flowRunId) {
        return db.read(dsl -> dsl.select(FLOW_RUN.NAME).from(FLOW_RUN.table()).where(FLOW_RUN.ID.eq(flowRunId))
                .fetchOptional(FLOW_RUN.NAME));
    }

    static Condition condition(LogFilter f) {
        List<Condition> parts = new ArrayList<>();
        if (f.levelGe() != null) {
            parts.add(LOG.LEVEL.ge(f.levelGe()));
        }
        if (f.levelLe() != null) {
            parts.add(LOG.LEVEL.le(f.levelLe()));
        }
        if (f.before() != null) {
            parts.add(LOG.TIMESTAMP.le(f.before()));
        }
        if (f.after() != null) {
            parts.add(LOG.TIMESTAMP.ge(f.after()));
        }
        if (f.flowRunIds() != null) {
            parts.add(f.flowRunIds().isEmpty() ? DSL.falseCondition() : LOG.FLOW_RUN_ID.in(f.flowRunIds()));
        }
        if (f.taskRunIds() != null) {
            parts.add(f.taskRunIds().isEmpty() ? DSL.falseCondition() : LOG.TASK_RUN_ID.in(f.taskRunIds()));
        }
        if (f.taskRunIsNull() != null) {
            parts.add(f.taskRunIsNull() ? LOG.TASK_RUN_ID.isNull() : LOG.TASK_RUN_ID.isNotNull());
        }
        if (f.text() != null && !f.text().isEmpty()) {
            parts.add(textCondition(f.text(), DSL.concat(LOG.MESSAGE, DSL.inline(" "), LOG.NAME)));
        }
        if (parts.isEmpty()) {
            return DSL.trueCondition();
        }
        return f.or() ? DSL.or(parts) : DSL.and(parts);
    }

    /** {@link TextSearch} as SQL over {@code haystack}: case-insensitive substring tests. */
    public static Condition textCondition(TextSearch search, Field<String> haystack) {
        List<Condition> parts = new ArrayList<>();
        if (!search.anyOf().isEmpty()) {
            parts.add(DSL.or(search.anyOf().stream().map(t -> contains(haystack, t)).toList()));
        }
        search.required().forEach(t -> parts.add(contains(haystack, t)));
        search.excluded().forEach(t -> parts.add(contains(haystack, t).not()));
        return DSL.and(parts);
    }

    private static Condition contains(Field<String> haystack, String term) {
        return haystack.likeIgnoreCase("%" + FilterCompiler.escapeLike(term) + "%", '\\');
    }

    private static List<Field<?>> columns() {
        return List.of(LOG.ID, LOG.CREATED, LOG.UPDATED, LOG.NAME, LOG.LEVEL, LOG.MESSAGE, LOG.TIMESTAMP,
                LOG.FLOW_RUN_ID, LOG.TASK_RUN_ID);
    }

    private static LogRecord map(Record r) {
        return new LogRecord(r.get(LOG.ID), r.get(LOG.CREATED), r.get(LOG.UPDATED), r.get(LOG.NAME),
                r.get(LOG.LEVEL), r.get(LOG.MESSAGE), r.get(LOG.TIMESTAMP), r.get(LOG.FLOW_RUN_ID),
                r.get(LOG.TASK_RUN_ID));
    }
}
