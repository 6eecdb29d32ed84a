package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.EventTables.EVENTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Ids;
import io.baton.events.ReceivedEvents;
import io.baton.json.Json;
import io.baton.storage.jdbc.tables.EventTables.EventResourcesTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;

/**
 * Writes ReceivedEvents and their {@code event_resources} rows inside the caller's transaction: the client
 * event writer's batches and the server's own events, which go into the transaction of the change they
 * describe. Insert-or-ignore on the event id; only newly stored events get resource rows.
 */
public final class EventRows {

    private EventRows() {}

    /** The role of an event's own resource among its {@code event_resources} rows. */
    static final String PRIMARY_ROLE = "";
    static final EventResourcesTable RESOURCES = new EventResourcesTable("event_resources");

    /** Stores the events not stored yet (duplicates by id ignored); returns those newly stored, in input order. */
    public static List<JsonNode> insert(DSLContext dsl, List<JsonNode> events, Instant now) {
        if (events.isEmpty()) {
            return List.of();
        }
        Set<UUID> seen = new HashSet<>();
        List<JsonNode> unique = new ArrayList<>(events.size());
        for (JsonNode e : events) {
            if (seen.add(ReceivedEvents.id(e))) {
                unique.add(e);
            }
        }
        if (dsl.dialect() == SQLDialect.SQLITE) {
            // Insert-or-ignore says which events are new: no lookup of stored ids first.
            List<JsonNode> inserted = insertSqlite(dsl, unique, now);
            INSERT_RESOURCES.execute(dsl, resourceRows(inserted, now));
            return inserted;
        }
        Set<UUID> ids = insertPostgres(dsl, unique, now);
        List<JsonNode> inserted = new ArrayList<>(unique.size());
        for (JsonNode e : unique) {
            if (ids.contains(ReceivedEvents.id(e))) {
                inserted.add(e);
            }
        }
        return inserted;
    }

    /**
     * SQLite: one prepared statement executed for every row (a multi-row statement over SQLite's 999 bind
     * parameters would be rendered with inlined values and parsed anew), whose per-row update counts say which
     * rows were new.
     */
    private static List<JsonNode> insertSqlite(DSLContext dsl, List<JsonNode> events, Instant now) {
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

    /**
     * PostgreSQL: events and resources in one statement, one round trip (a transition's event costs one more
     * statement, not two). The rows go as one text array per column into a statement that never changes, so it
     * is parsed once per connection whatever the batch size. Resource rows are kept only for events really
     * inserted (some may be stored already, by an earlier delivery or by another replica).
     */
    private static final String INSERT_POSTGRES = """
            WITH inserted AS (
                INSERT INTO events (id, created, updated, occurred, event, resource_id, resource,
                                    related_resource_ids, related, payload, received, recorded, follows)
                SELECT id::uuid, created::timestamptz, updated::timestamptz, occurred::timestamptz, event,
                       resource_id, resource::jsonb, related_resource_ids::jsonb, related::jsonb, payload::jsonb,
                       received::timestamptz, recorded::timestamptz, follows::uuid
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     AS t(id, created, updated, occurred, event, resource_id, resource, related_resource_ids,
                          related, payload, received, recorded, follows)
                ON CONFLICT DO NOTHING
                RETURNING id
            ), resources AS (
                INSERT INTO event_resources (id, created, updated, occurred, resource_id, resource_role, resource,
                                             event_id)
                SELECT r.id::uuid, r.created::timestamptz, r.updated::timestamptz, r.occurred::timestamptz,
                       r.resource_id, r.resource_role, r.resource::jsonb, r.event_id::uuid
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[])
                     AS r(id, created, updated, occurred, resource_id, resource_role, resource, event_id)
                WHERE r.event_id::uuid IN (SELECT id FROM inserted)
            )
            SELECT id FROM inserted""";

    private static Set<UUID> insertPostgres(DSLContext dsl, List<JsonNode> events, Instant now) {
        List<Object[]> eventRows = new ArrayList<>(events.size());
        for (JsonNode e : events) {
            eventRows.add(eventRow(e, now).toArray());
        }
        String[][] eventColumns = textColumns(eventRows, EVENT_COLUMNS.size());
        String[][] resourceColumns = textColumns(resourceRows(events, now), RESOURCE_COLUMNS.size());
        return dsl.connectionResult(connection -> {
            try (var st = connection.prepareStatement(INSERT_POSTGRES)) {
                int p = 1;
                for (String[] column : eventColumns) {
                    st.setArray(p++, connection.createArrayOf("text", column));
                }
                for (String[] column : resourceColumns) {
                    st.setArray(p++, connection.createArrayOf("text", column));
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

    /** Rows turned into one array per column, each value in the text form its column's cast reads. */
    private static String[][] textColumns(List<Object[]> rows, int width) {
        String[][] columns = new String[width][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            for (int c = 0; c < width; c++) {
                Object value = row[c];
                if (value instanceof JsonNode json) {
                    // JSON null is stored as SQL NULL, as the column binding does.
                    columns[c][i] = json.isNull() ? null : Json.write(json);
                } else {
                    columns[c][i] = value == null ? null : value.toString();
                }
            }
        }
        return columns;
    }

    private static final List<Field<?>> EVENT_COLUMNS = List.of(EVENTS.ID, EVENTS.CREATED, EVENTS.UPDATED,
            EVENTS.OCCURRED, EVENTS.EVENT, EVENTS.RESOURCE_ID, EVENTS.RESOURCE, EVENTS.RELATED_RESOURCE_IDS,
            EVENTS.RELATED, EVENTS.PAYLOAD, EVENTS.RECEIVED, EVENTS.RECORDED, EVENTS.FOLLOWS);
    private static final List<Field<?>> RESOURCE_COLUMNS = List.of(RESOURCES.ID, RESOURCES.CREATED,
            RESOURCES.UPDATED, RESOURCES.OCCURRED, RESOURCES.RESOURCE_ID, RESOURCES.RESOURCE_ROLE, RESOURCES.RESOURCE,
            RESOURCES.EVENT_ID);

    private static final JdbcBatch INSERT_EVENTS = JdbcBatch.of(EVENT_COLUMNS, dsl -> dsl
            .insertInto(EVENTS.table(), EVENT_COLUMNS)
            .values(Arrays.asList(new Object[EVENT_COLUMNS.size()])).onConflictDoNothing());
    /** One prepared statement executed for every resource row; time-ordered ids append to the key's B-tree. */
    private static final JdbcBatch INSERT_RESOURCES = JdbcBatch.of(RESOURCE_COLUMNS,
            dsl -> dsl.insertInto(RESOURCES.table(), RESOURCE_COLUMNS)
                    .values(Arrays.asList(new Object[RESOURCE_COLUMNS.size()])));

    private static List<Object> eventRow(JsonNode e, Instant now) {
        JsonNode follows = e.get("follows");
        return Arrays.asList(ReceivedEvents.id(e), now, now, ReceivedEvents.occurred(e), e.get("event").asText(),
                e.get("resource").get("prefect.resource.id").asText(), e.get("resource"),
                relatedIds(e.get("related")), e.get("related"), e.get("payload"),
                io.baton.domain.Times.parse(e.get("received").asText()), now,
                follows.isNull() ? null : UUID.fromString(follows.asText()));
    }

    private static List<Object[]> resourceRows(List<JsonNode> events, Instant now) {
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
        return rows;
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
}
