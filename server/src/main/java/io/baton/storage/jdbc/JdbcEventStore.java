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

    private static final String PRIMARY_ROLE = "";
    private static final int MAX_BUCKETS = 1000;
    private static final EventResourcesTable RESOURCES = new EventResourcesTable("event_resources");

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
            Set<UUID> seen = new HashSet<>();
            List<JsonNode> unique = new ArrayList<>();
            for (JsonNode e : events) {
                if (seen.add(ReceivedEvents.id(e))) {
                    unique.add(e);
                }
            }
            // Insert-or-ignore says which events are new: no lookup of stored ids first.
            Instant now = Times.now();
            List<JsonNode> inserted = insertEvents(dsl, unique, now);
            insertResources(dsl, inserted, now);
            List<RecordedTaskRun> taskRuns = new ArrayList<>();
            for (JsonNode e : inserted) {
                TaskRunEventMapper.fromEvent(e).ifPresent(taskRuns::add);
            }
            recorder.recordIn(dsl, taskRuns);
            return inserted;
        });
    }

    /**
     * Insert-or-ignore of the batch; returns the events really inserted (some may be stored already, by an
     * earlier delivery or by another replica). PostgreSQL: one statement with {@code RETURNING id}. SQLite: one
     * prepared statement executed for every row (a multi-row statement over SQLite's 999 bind parameters would
     * be rendered with inlined values and parsed anew), whose per-row update counts say which rows were new.
     */
    private static List<JsonNode> insertEvents(DSLContext dsl, List<JsonNode> events, Instant now) {
        if (events.isEmpty()) {
            return List.of();
        }
        if (dsl.dialect() == SQLDialect.SQLITE) {
            List<Object[]> rows = new ArrayList<>(events.size());
            for (JsonNode e : events) {
                rows.add(eventRow(e, now).toArray());
            }
            int[] counts = INSERT_EVENTS.execute(dsl, rows);
            List<JsonNode> inserted = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                if (counts[i] != 0) {
                    inserted.add(events.get(i));
                }
            }
            return inserted;
        }
        Set<UUID> ids = insertPostgres(dsl, events, now);
        List<JsonNode> inserted = new ArrayList<>(events.size());
        for (JsonNode e : events) {
            if (ids.contains(ReceivedEvents.id(e))) {
                inserted.add(e);
            }
        }
        return inserted;
    }

    /**
     * PostgreSQL: the rows go as one text array per column into a statement that never changes, so it is
     * parsed once per connection whatever the batch size (a multi-row VALUES list was rendered and planned
     * anew for every batch). Returns the ids really inserted.
     */
    private static final String INSERT_EVENTS_POSTGRES = """
            INSERT INTO events (id, created, updated, occurred, event, resource_id, resource, related_resource_ids,
                                related, payload, received, recorded, follows)
            SELECT id::uuid, created::timestamptz, updated::timestamptz, occurred::timestamptz, event, resource_id,
                   resource::jsonb, related_resource_ids::jsonb, related::jsonb, payload::jsonb,
                   received::timestamptz, recorded::timestamptz, follows::uuid
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS t(id, created, updated, occurred, event, resource_id, resource, related_resource_ids, related,
                      payload, received, recorded, follows)
            ON CONFLICT DO NOTHING
            RETURNING id""";

    private static Set<UUID> insertPostgres(DSLContext dsl, List<JsonNode> events, Instant now) {
        // The same values as the SQLite rows, each in the text form its column's cast reads.
        String[][] columns = new String[EVENT_COLUMNS.size()][events.size()];
        for (int i = 0; i < events.size(); i++) {
            List<Object> row = eventRow(events.get(i), now);
            for (int c = 0; c < columns.length; c++) {
                Object value = row.get(c);
                if (value instanceof JsonNode json) {
                    // JSON null is stored as SQL NULL, as the column binding does.
                    columns[c][i] = json.isNull() ? null : Json.write(json);
                } else {
                    columns[c][i] = value == null ? null : value.toString();
                }
            }
        }
        return dsl.connectionResult(connection -> {
            try (var st = connection.prepareStatement(INSERT_EVENTS_POSTGRES)) {
                for (int c = 0; c < columns.length; c++) {
                    st.setArray(c + 1, connection.createArrayOf("text", columns[c]));
                }
                Set<UUID> ids = new HashSet<>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }

    private static final List<Field<?>> EVENT_COLUMNS = List.of(EVENTS.ID, EVENTS.CREATED, EVENTS.UPDATED,
            EVENTS.OCCURRED, EVENTS.EVENT, EVENTS.RESOURCE_ID, EVENTS.RESOURCE, EVENTS.RELATED_RESOURCE_IDS,
            EVENTS.RELATED, EVENTS.PAYLOAD, EVENTS.RECEIVED, EVENTS.RECORDED, EVENTS.FOLLOWS);
    private static final List<Field<?>> RESOURCE_COLUMNS = List.of(RESOURCES.ID, RESOURCES.CREATED,
            RESOURCES.UPDATED, RESOURCES.OCCURRED, RESOURCES.RESOURCE_ID, RESOURCES.RESOURCE_ROLE, RESOURCES.RESOURCE,
            RESOURCES.EVENT_ID);

    private static final JdbcBatch INSERT_EVENTS = JdbcBatch.of(EVENT_COLUMNS, dsl -> eventInsert(dsl)
            .values(Arrays.asList(new Object[EVENT_COLUMNS.size()])).onConflictDoNothing());
    private static final JdbcBatch INSERT_RESOURCES = JdbcBatch.of(RESOURCE_COLUMNS,
            dsl -> dsl.insertInto(RESOURCES.table(), RESOURCE_COLUMNS)
                    .values(Arrays.asList(new Object[RESOURCE_COLUMNS.size()])));

    private static org.jooq.InsertValuesStepN<Record> eventInsert(DSLContext dsl) {
        return dsl.insertInto(EVENTS.table(), EVENT_COLUMNS);
    }

    private static List<Object> eventRow(JsonNode e, Instant now) {
        JsonNode follows = e.get("follows");
        return Arrays.asList(ReceivedEvents.id(e), now, now, ReceivedEvents.occurred(e), e.get("event").asText(),
                e.get("resource").get("prefect.resource.id").asText(), e.get("resource"),
                relatedIds(e.get("related")), e.get("related"), e.get("payload"),
                Times.parse(e.get("received").asText()), now,
                follows.isNull() ? null : UUID.fromString(follows.asText()));
    }

    /** One prepared statement executed for every resource row (a JDBC batch); time-ordered ids append to the key's B-tree. */
    private static void insertResources(DSLContext dsl, List<JsonNode> events, Instant now) {
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (JsonNode e : events) {
            UUID eventId = ReceivedEvents.id(e);
            Instant occurred = ReceivedEvents.occurred(e);
            JsonNode resource = e.get("resource");
            rows.add(new Object[] {Ids.uuid7(now), now, now, occurred, resource.get("prefect.resource.id").asText(),
                    PRIMARY_ROLE, labelsOnly(resource), eventId});
            for (JsonNode r : e.get("related")) {
                rows.add(new Object[] {Ids.uuid7(now), now, now, occurred, r.get("prefect.resource.id").asText(),
                        r.get("prefect.resource.role").asText(), labelsOnly(r), eventId});
            }
        }
        INSERT_RESOURCES.execute(dsl, rows);
    }

    private static JsonNode labelsOnly(JsonNode resource) {
        ObjectNode o = resource.deepCopy();
        o.remove("prefect.resource.id");
        o.remove("prefect.resource.role");
        return o;
    }

    private static JsonNode relatedIds(JsonNode related) {
        ArrayNode ids = Json.array();
        related.forEach(r -> ids.add(r.get("prefect.resource.id").asText()));
        return ids;
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
