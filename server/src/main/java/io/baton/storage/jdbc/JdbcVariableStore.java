package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.SmallObjectTables.VARIABLE;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
import io.baton.domain.event.ServerEvents;
import io.baton.domain.event.ServerEvents.Action;
import io.baton.domain.Times;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.variable.Variable;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.storage.VariableStore;
import io.baton.storage.jdbc.filter.FilterCompiler;
import io.baton.storage.jdbc.filter.SmallObjectFilterTargets;
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

public final class JdbcVariableStore implements VariableStore {

    private static final Map<String, List<SortField<?>>> SORTS = Map.of(
            "CREATED_DESC", List.of(VARIABLE.CREATED.desc()),
            "UPDATED_DESC", List.of(VARIABLE.UPDATED.desc()),
            "NAME_ASC", List.of(VARIABLE.NAME.asc()),
            "NAME_DESC", List.of(VARIABLE.NAME.desc()));

    private final Database db;
    private final EventOutbox outbox;

    public JdbcVariableStore(Database db) {
        this(db, new EventOutbox(db));
    }

    public JdbcVariableStore(Database db, EventOutbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    @Override
    public Optional<Variable> create(String name, JsonNode value, List<String> tags) {
        return outbox.write((dsl, events) -> {
            Instant now = Times.now();
            UUID id = Ids.uuid4();
            int inserted = dsl.insertInto(VARIABLE.table())
                    .set(VARIABLE.ID, id)
                    .set(VARIABLE.CREATED, now)
                    .set(VARIABLE.UPDATED, now)
                    .set(VARIABLE.NAME, name)
                    .set(VARIABLE.VALUE, value)
                    .set(VARIABLE.TAGS, Rows.json(tags))
                    .onConflictDoNothing()
                    .execute();
            if (inserted != 1) {
                return Optional.<Variable>empty();
            }
            Optional<Variable> created = read(dsl, VARIABLE.ID.eq(id));
            created.ifPresent(v -> events.add(event(Action.CREATED, v, now)));
            return created;
        });
    }

    @Override
    public Optional<Variable> read(UUID id) {
        return db.read(dsl -> read(dsl, VARIABLE.ID.eq(id)));
    }

    @Override
    public Optional<Variable> readByName(String name) {
        return db.read(dsl -> read(dsl, VARIABLE.NAME.eq(name)));
    }

    private static Optional<Variable> read(DSLContext dsl, Condition where) {
        return dsl.select(columns()).from(VARIABLE.table()).where(where).fetchOptional(JdbcVariableStore::map);
    }

    @Override
    public UpdateResult update(UUID id, String currentName, Optional<String> name, Optional<JsonNode> value,
            Optional<List<String>> tags) {
        return outbox.write((dsl, events) -> {
            Condition target = id != null ? VARIABLE.ID.eq(id) : VARIABLE.NAME.eq(currentName);
            Optional<Variable> existing = read(dsl, target);
            if (existing.isEmpty()) {
                return UpdateResult.NOT_FOUND;
            }
            if (name.isPresent() && !name.get().equals(existing.get().name())
                    && dsl.fetchExists(VARIABLE.table(), VARIABLE.NAME.eq(name.get()))) {
                return UpdateResult.NAME_TAKEN;
            }
            Map<Field<?>, Object> changes = new HashMap<>();
            name.ifPresent(n -> changes.put(VARIABLE.NAME, n));
            value.ifPresent(v -> changes.put(VARIABLE.VALUE, v));
            tags.ifPresent(t -> changes.put(VARIABLE.TAGS, Rows.json(t)));
            Instant now = Times.now();
            changes.put(VARIABLE.UPDATED, now);
            dsl.update(VARIABLE.table()).set(changes).where(VARIABLE.ID.eq(existing.get().id())).execute();
            events.add(event(Action.UPDATED, read(dsl, VARIABLE.ID.eq(existing.get().id())).orElseThrow(), now));
            return UpdateResult.UPDATED;
        });
    }

    @Override
    public boolean delete(UUID id) {
        return delete(VARIABLE.ID.eq(id));
    }

    @Override
    public boolean deleteByName(String name) {
        return delete(VARIABLE.NAME.eq(name));
    }

    private boolean delete(Condition target) {
        return outbox.write((dsl, events) -> {
            Optional<Variable> existing = read(dsl, target);
            if (existing.isEmpty()
                    || dsl.deleteFrom(VARIABLE.table()).where(VARIABLE.ID.eq(existing.get().id())).execute() != 1) {
                return false;
            }
            events.add(event(Action.DELETED, existing.get(), Times.now()));
            return true;
        });
    }

    private static JsonNode event(Action action, Variable v, Instant now) {
        return ServerEvents.variable(action, v.id(), v.name(), v.value(), v.tags(), now);
    }

    @Override
    public List<Variable> filter(Query query) {
        return db.read(dsl -> dsl.select(columns()).from(VARIABLE.table())
                .where(condition(dsl, query.criterion()))
                .orderBy(SORTS.getOrDefault(query.sort() == null ? "NAME_ASC" : query.sort(), SORTS.get("NAME_ASC")))
                .limit(query.limit()).offset(query.offset())
                .fetch(JdbcVariableStore::map));
    }

    @Override
    public long count(Criterion criterion) {
        return db.read(dsl -> dsl.selectCount().from(VARIABLE.table()).where(condition(dsl, criterion))
                .fetchOne(0, Long.class));
    }

    private static Condition condition(DSLContext dsl, Criterion criterion) {
        return new FilterCompiler(dsl.dialect()).compile(criterion, SmallObjectFilterTargets.variable(VARIABLE));
    }

    private static List<Field<?>> columns() {
        return List.of(VARIABLE.ID, VARIABLE.CREATED, VARIABLE.UPDATED, VARIABLE.NAME, VARIABLE.VALUE, VARIABLE.TAGS);
    }

    private static Variable map(Record r) {
        JsonNode value = r.get(VARIABLE.VALUE);
        return new Variable(r.get(VARIABLE.ID), r.get(VARIABLE.CREATED), r.get(VARIABLE.UPDATED), r.get(VARIABLE.NAME),
                value == null ? Json.NODES.nullNode() : value, Rows.strings(r.get(VARIABLE.TAGS)));
    }
}
