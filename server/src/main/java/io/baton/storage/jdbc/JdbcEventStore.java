package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.EventTables.EVENTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Ids;
import io.baton.domain.Times;
import io.baton.domain.orchestration.recorder.TaskRunEventMapper;
import io.baton.domain.orchestration.recorder.TaskRunEventMapper.RecordedTaskRun;
import io.baton.events.EventFilter;
import io.baton.events.EventFilter.ResourceCriteria;
import io.baton.events.LabelSpec;
import io.baton.events.ReceivedEvents;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.storage.EventStore;
import io.baton.storage.jdbc.filter.FilterCompiler;
import io.baton.storage.jdbc.tables.EventTables.EventResourcesTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Events and their resources. Inserts are insert-or-ignore on the event id; only newly stored events get
 * {@code event_resources} rows and are handed to the task run recorder, in the same transaction.
 */
public final class JdbcEventStore implements EventStore {

    private static final String PRIMARY_ROLE = EventRows.PRIMARY_ROLE;
    private static final int MAX_BUCKETS = 1000;
    private static final EventResourcesTable RESOURCES = EventRows.RESOURCES;

    private final Database db;
    private final JdbcTaskRunRecorderStore recorder;

    public JdbcEventStore(Database db, JdbcTaskRunRecorderStore recorder) {
        this.db = db;
        this.recorder = recorder;
    }

    @Override
    public List<JsonNode> insert(List<JsonNode> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return db.write(dsl -> {
            List<JsonNode> inserted = EventRows.insert(dsl, events, Times.now());
            List<RecordedTaskRun> taskRuns = new ArrayList<>();
            for (JsonNode e : inserted) {
                TaskRunEventMapper.fromEvent(e).ifPresent(taskRuns::add);
            }
            recorder.recordIn(dsl, taskRuns);
            return inserted;
        });
    }

    @Override
    public List<JsonNode> query(EventFilter filter, int limit, int offset) {
        return db.read(dsl -> dsl.select(columns()).from(EVENTS.table())
                .where(condition(dsl.dialect(), filter))
                .orderBy(filter.ascending() ? List.of(EVENTS.OCCURRED.asc(), EVENTS.ID.asc())
                        : List.of(EVENTS.OCCURRED.desc(), EVENTS.ID.desc()))
                .limit(limit)
                .offset(offset)
                .fetch(JdbcEventStore::map));
    }

    @Override
    public long count(EventFilter filter) {
        return db.read(dsl -> dsl.selectCount().from(EVENTS.table()).where(condition(dsl.dialect(), filter))
                .fetchOne(0, Long.class));
    }

    @Override
    public List<Count> countBy(EventFilter filter, Countable countable) {
        Field<String> key = countable == Countable.EVENT ? EVENTS.EVENT : EVENTS.RESOURCE_ID;
        Field<Integer> n = DSL.count();
        Field<Instant> first = DSL.min(EVENTS.OCCURRED);
        Field<Instant> last = DSL.max(EVENTS.OCCURRED);
        return db.read(dsl -> dsl.select(key, n, first, last).from(EVENTS.table())
                .where(condition(dsl.dialect(), filter))
                .groupBy(key)
                .orderBy(n.desc(), key.asc())
                .fetch(r -> new Count(r.get(key), r.get(key), r.get(n), r.get(first), r.get(last))));
    }

    @Override
    public List<Count> countByTime(EventFilter filter, double seconds) {
        long spanMicros = Math.max(1, Math.round(seconds * 1_000_000));
        Instant since = filter.since();
        long totalMicros = Duration.between(since, filter.until()).toNanos() / 1000;
        long buckets = totalMicros / spanMicros + 1;
        if (buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("The time interval is too small for the range: at most "
                    + MAX_BUCKETS + " buckets can be counted.");
        }
        return db.read(dsl -> {
            Field<Long> bucket = bucketIndex(dsl.dialect(), since, spanMicros);
            Field<Integer> n = DSL.count();
            Map<Long, Integer> counts = new java.util.HashMap<>();
            dsl.select(bucket, n).from(EVENTS.table()).where(condition(dsl.dialect(), filter)).groupBy(bucket)
                    .fetch().forEach(r -> counts.put(r.get(bucket), r.get(n)));
            List<Count> out = new ArrayList<>();
            for (long i = 0; i < buckets; i++) {
                Instant start = since.plusNanos(i * spanMicros * 1000);
                Instant end = start.plusNanos(spanMicros * 1000 - 1000);
                String value = Json.timestamp(start);
                out.add(new Count(value, value, counts.getOrDefault(i, 0), start, end));
            }
            return out;
        });
    }

    /** Which bucket of {@code spanMicros} since {@code since} an event's occurred time falls in. */
    private static Field<Long> bucketIndex(SQLDialect dialect, Instant since, long spanMicros) {
        if (dialect == SQLDialect.POSTGRES) {
            return DSL.field("floor(extract(epoch from ({0} - {1})) * 1000000 / {2})::bigint", Long.class,
                    EVENTS.OCCURRED, DSL.inline(since, EVENTS.OCCURRED.getDataType()), DSL.inline(spanMicros));
        }
        return DSL.field("cast((julianday({0}) - julianday({1})) * 86400000000.0 / {2} as integer)", Long.class,
                EVENTS.OCCURRED, DSL.inline(since, EVENTS.OCCURRED.getDataType()), DSL.inline(spanMicros));
    }

    static Condition condition(SQLDialect dialect, EventFilter f) {
        List<Condition> parts = new ArrayList<>();
        parts.add(EVENTS.OCCURRED.ge(f.since()));
        parts.add(EVENTS.OCCURRED.le(f.until()));
        if (!f.prefixes().isEmpty()) {
            parts.add(DSL.or(f.prefixes().stream().map(p -> startsWith(EVENTS.EVENT, p)).toList()));
        }
        f.excludePrefixes().forEach(p -> parts.add(startsWith(EVENTS.EVENT, p).not()));
        if (!f.names().isEmpty()) {
            parts.add(EVENTS.EVENT.in(f.names()));
        }
        if (!f.excludeNames().isEmpty()) {
            parts.add(EVENTS.EVENT.notIn(f.excludeNames()));
        }
        if (!f.ids().isEmpty()) {
            parts.add(EVENTS.ID.in(f.ids()));
        }
        if (f.resource() != null) {
            parts.add(primaryResource(dialect, f.resource()));
        }
        int n = 0;
        for (ResourceCriteria r : f.related()) {
            parts.add(resourceExists(dialect, r, new EventResourcesTable("er_related" + n++), false));
        }
        for (ResourceCriteria r : f.anyResource()) {
            parts.add(resourceExists(dialect, r, new EventResourcesTable("er_any" + n++), true));
        }
        if (f.text() != null && !f.text().isEmpty()) {
            Field<String> haystack = DSL.concat(EVENTS.EVENT, DSL.inline(" "), asText(EVENTS.RESOURCE),
                    DSL.inline(" "), asText(EVENTS.RELATED), DSL.inline(" "), asText(EVENTS.PAYLOAD));
            parts.add(JdbcLogStore.textCondition(f.text(), haystack));
        }
        return DSL.and(parts);
    }

    private static Condition primaryResource(SQLDialect dialect, ResourceCriteria r) {
        List<Condition> parts = new ArrayList<>();
        if (!r.ids().isEmpty()) {
            parts.add(EVENTS.RESOURCE_ID.in(r.ids()));
        }
        if (!r.idPrefixes().isEmpty()) {
            parts.add(DSL.or(r.idPrefixes().stream().map(p -> startsWith(EVENTS.RESOURCE_ID, p)).toList()));
        }
        parts.add(labels(dialect, r.labels(), EVENTS.RESOURCE, EVENTS.RESOURCE_ID, null));
        return DSL.and(parts);
    }

    /** EXISTS an event_resources row of this event (related only, or any role) matching {@code r}. */
    private static Condition resourceExists(SQLDialect dialect, ResourceCriteria r, EventResourcesTable er,
                                            boolean anyRole) {
        List<Condition> parts = new ArrayList<>();
        parts.add(er.EVENT_ID.eq(EVENTS.ID));
        if (!anyRole) {
            parts.add(er.RESOURCE_ROLE.ne(PRIMARY_ROLE));
        }
        if (!r.ids().isEmpty()) {
            parts.add(er.RESOURCE_ID.in(r.ids()));
        }
        if (!r.idPrefixes().isEmpty()) {
            parts.add(DSL.or(r.idPrefixes().stream().map(p -> startsWith(er.RESOURCE_ID, p)).toList()));
        }
        if (!r.roles().isEmpty()) {
            parts.add(er.RESOURCE_ROLE.in(r.roles()));
        }
        if (!r.resourcesInRoles().isEmpty()) {
            parts.add(DSL.or(r.resourcesInRoles().stream()
                    .map(p -> er.RESOURCE_ID.eq(p.get(0)).and(er.RESOURCE_ROLE.eq(p.get(1)))).toList()));
        }
        parts.add(labels(dialect, r.labels(), er.RESOURCE, er.RESOURCE_ID, er.RESOURCE_ROLE));
        return DSL.exists(DSL.selectOne().from(er.table()).where(DSL.and(parts)));
    }

    /** A label specification over a JSON labels column; id and role labels read their own columns. */
    private static Condition labels(SQLDialect dialect, LabelSpec spec, Field<JsonNode> json, Field<String> idColumn,
                                    Field<String> roleColumn) {
        List<Condition> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, LabelSpec.Values>> it = spec.labels().entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, LabelSpec.Values> e = it.next();
            Field<String> value = switch (e.getKey()) {
                case "prefect.resource.id" -> idColumn;
                case "prefect.resource.role" -> roleColumn != null ? roleColumn : DSL.inline(PRIMARY_ROLE);
                default -> label(dialect, json, e.getKey());
            };
            LabelSpec.Values values = e.getValue();
            if (!values.accept().isEmpty()) {
                parts.add(DSL.or(values.accept().stream().map(p -> glob(value, p)).toList()));
            }
            for (String p : values.reject()) {
                parts.add(value.isNull().or(glob(value, p).not()));
            }
        }
        return DSL.and(parts);
    }

    private static Field<String> label(SQLDialect dialect, Field<JsonNode> json, String key) {
        if (dialect == SQLDialect.POSTGRES) {
            return DSL.field("({0} ->> {1})", SQLDataType.VARCHAR, json, DSL.val(key));
        }
        return DSL.field("json_extract({0}, {1})", SQLDataType.VARCHAR, json,
                DSL.val("$.\"" + key.replace("\"", "\\\"") + "\""));
    }

    private static Condition glob(Field<String> value, String pattern) {
        if (pattern.indexOf('*') < 0) {
            return value.eq(pattern);
        }
        StringBuilder like = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                like.append('%');
            }
            like.append(FilterCompiler.escapeLike(parts[i]));
        }
        return value.like(like.toString(), '\\');
    }

    private static Condition startsWith(Field<String> field, String prefix) {
        return field.like(FilterCompiler.escapeLike(prefix) + "%", '\\');
    }

    private static Field<String> asText(Field<JsonNode> json) {
        return DSL.field("cast({0} as text)", SQLDataType.VARCHAR, json);
    }

    private static List<Field<?>> columns() {
        return List.of(EVENTS.ID, EVENTS.OCCURRED, EVENTS.EVENT, EVENTS.RESOURCE, EVENTS.RELATED, EVENTS.PAYLOAD,
                EVENTS.FOLLOWS, EVENTS.RECEIVED);
    }

    private static JsonNode map(Record r) {
        ObjectNode o = Json.object();
        o.put("occurred", Json.timestamp(r.get(EVENTS.OCCURRED)));
        o.put("event", r.get(EVENTS.EVENT));
        o.set("resource", r.get(EVENTS.RESOURCE));
        o.set("related", r.get(EVENTS.RELATED) == null ? Json.array() : r.get(EVENTS.RELATED));
        o.set("payload", r.get(EVENTS.PAYLOAD) == null ? Json.object() : r.get(EVENTS.PAYLOAD));
        o.put("id", r.get(EVENTS.ID).toString());
        UUID follows = r.get(EVENTS.FOLLOWS);
        if (follows == null) {
            o.putNull("follows");
        } else {
            o.put("follows", follows.toString());
        }
        o.put("received", Json.timestamp(r.get(EVENTS.RECEIVED)));
        return o;
    }
}
