package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.FlowTable.FLOW;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
import io.baton.domain.event.ServerEvents;
import io.baton.domain.event.ServerEvents.Action;
import io.baton.domain.Times;
import io.baton.domain.Upserted;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.flow.Flow;
import io.baton.storage.Database;
import io.baton.storage.FlowStore;
import io.baton.storage.jdbc.filter.FilterCompiler;
import io.baton.storage.jdbc.filter.FilterTargets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;

public final class JdbcFlowStore implements FlowStore {

    static final Map<String, List<SortField<?>>> SORTS = Map.of(
            "CREATED_DESC", List.of(FLOW.CREATED.desc()),
            "UPDATED_DESC", List.of(FLOW.UPDATED.desc()),
            "NAME_ASC", List.of(FLOW.NAME.asc()),
            "NAME_DESC", List.of(FLOW.NAME.desc()));

    private final Database db;
    private final EventOutbox outbox;

    public JdbcFlowStore(Database db) {
        this(db, new EventOutbox(db));
    }

    public JdbcFlowStore(Database db, EventOutbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    @Override
    public Upserted<Flow> createOrGet(String name, List<String> tags, JsonNode labels) {
        return outbox.write((dsl, events) -> {
            Instant now = Times.now();
            int inserted = dsl.insertInto(FLOW.table())
                    .set(FLOW.ID, Ids.uuid4())
                    .set(FLOW.CREATED, now)
                    .set(FLOW.UPDATED, now)
                    .set(FLOW.NAME, name)
                    .set(FLOW.TAGS, Rows.json(tags))
                    .set(FLOW.LABELS, labels)
                    .onConflict(Sql.unqualified(FLOW.NAME))
                    .doNothing()
                    .execute();
            Flow flow = dsl.select(columns()).from(FLOW.table()).where(FLOW.NAME.eq(name)).fetchOne(JdbcFlowStore::map);
            if (inserted == 1) {
                events.add(event(Action.CREATED, flow, now));
            }
            return new Upserted<>(flow, inserted == 1);
        });
    }

    @Override
    public Optional<Flow> read(UUID id) {
        return db.read(dsl -> dsl.select(columns()).from(FLOW.table()).where(FLOW.ID.eq(id)).fetchOptional(JdbcFlowStore::map));
    }

    @Override
    public Optional<Flow> readByName(String name) {
        return db.read(dsl -> dsl.select(columns()).from(FLOW.table()).where(FLOW.NAME.eq(name)).fetchOptional(JdbcFlowStore::map));
    }

    @Override
    public boolean update(UUID id, Optional<List<String>> tags, Optional<JsonNode> labels) {
        return outbox.write((dsl, events) -> {
            Map<Field<?>, Object> changes = new HashMap<>();
            tags.ifPresent(t -> changes.put(FLOW.TAGS, Rows.json(t)));
            labels.ifPresent(l -> changes.put(FLOW.LABELS, l));
            Instant now = Times.now();
            changes.put(FLOW.UPDATED, now);
            if (dsl.update(FLOW.table()).set(changes).where(FLOW.ID.eq(id)).execute() != 1) {
                return false;
            }
            events.add(event(Action.UPDATED, readIn(dsl, id).orElseThrow(), now));
            return true;
        });
    }

    @Override
    public boolean delete(UUID id) {
        return outbox.write((dsl, events) -> {
            Optional<Flow> flow = readIn(dsl, id);
            if (flow.isEmpty() || dsl.deleteFrom(FLOW.table()).where(FLOW.ID.eq(id)).execute() != 1) {
                return false;
            }
            events.add(event(Action.DELETED, flow.get(), Times.now()));
            return true;
        });
    }

    private static Optional<Flow> readIn(DSLContext dsl, UUID id) {
        return dsl.select(columns()).from(FLOW.table()).where(FLOW.ID.eq(id)).fetchOptional(JdbcFlowStore::map);
    }

    private static JsonNode event(Action action, Flow flow, Instant now) {
        return ServerEvents.flow(action, flow.id(), flow.name(), flow.tags(), flow.labels(), now);
    }

    @Override
    public List<Flow> filter(Query query) {
        return db.read(dsl -> dsl.select(columns()).from(FLOW.table())
                .where(condition(dsl, query.criterion()))
                .orderBy(SORTS.getOrDefault(query.sort() == null ? "NAME_ASC" : query.sort(), SORTS.get("NAME_ASC")))
                .limit(query.limit())
                .offset(query.offset())
                .fetch(JdbcFlowStore::map));
    }

    @Override
    public long count(Criterion criterion) {
        return db.read(dsl -> dsl.selectCount().from(FLOW.table()).where(condition(dsl, criterion)).fetchOne(0, Long.class));
    }

    @Override
    public List<UUID> bulkDelete(Criterion criterion, int limit) {
        return outbox.write((dsl, events) -> {
            List<Flow> flows = dsl.select(columns()).from(FLOW.table()).where(condition(dsl, criterion)).limit(limit)
                    .fetch(JdbcFlowStore::map);
            List<UUID> ids = flows.stream().map(Flow::id).toList();
            if (!ids.isEmpty()) {
                dsl.deleteFrom(FLOW.table()).where(FLOW.ID.in(ids)).execute();
                Instant now = Times.now();
                flows.forEach(f -> events.add(event(Action.DELETED, f, now)));
            }
            return ids;
        });
    }

    private static Condition condition(DSLContext dsl, Criterion criterion) {
        return new FilterCompiler(dsl.dialect()).compile(criterion, FilterTargets.flow(FLOW));
    }

    private static List<Field<?>> columns() {
        return List.of(FLOW.ID, FLOW.CREATED, FLOW.UPDATED, FLOW.NAME, FLOW.TAGS, FLOW.LABELS);
    }

    private static Flow map(Record r) {
        return new Flow(r.get(FLOW.ID), r.get(FLOW.CREATED), r.get(FLOW.UPDATED), r.get(FLOW.NAME),
                Rows.strings(r.get(FLOW.TAGS)), r.get(FLOW.LABELS));
    }

}
