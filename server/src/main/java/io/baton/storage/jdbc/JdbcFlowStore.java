package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.FlowTable.FLOW;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
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

    public JdbcFlowStore(Database db) {
        this.db = db;
    }

    @Override
    public Upserted<Flow> createOrGet(String name, List<String> tags, JsonNode labels) {
        return db.write(dsl -> {
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
        return db.write(dsl -> {
            Map<Field<?>, Object> changes = new HashMap<>();
            tags.ifPresent(t -> changes.put(FLOW.TAGS, Rows.json(t)));
            labels.ifPresent(l -> changes.put(FLOW.LABELS, l));
            changes.put(FLOW.UPDATED, Times.now());
            return dsl.update(FLOW.table()).set(changes).where(FLOW.ID.eq(id)).execute() == 1;
        });
    }

    @Override
    public boolean delete(UUID id) {
        return db.write(dsl -> dsl.deleteFrom(FLOW.table()).where(FLOW.ID.eq(id)).execute() == 1);
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
        return db.write(dsl -> {
            List<UUID> ids = dsl.select(FLOW.ID).from(FLOW.table()).where(condition(dsl, criterion)).limit(limit).fetch(FLOW.ID);
            if (!ids.isEmpty()) {
                dsl.deleteFrom(FLOW.table()).where(FLOW.ID.in(ids)).execute();
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
