package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.SmallObjectTables.AUTOMATION;
import static io.baton.storage.jdbc.tables.SmallObjectTables.AUTOMATION_RELATED_RESOURCE;

import io.baton.domain.Ids;
import io.baton.domain.Times;
import io.baton.domain.automation.Automation;
import io.baton.domain.automation.AutomationSpec;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.json.Json;
import io.baton.storage.AutomationStore;
import io.baton.storage.Database;
import io.baton.storage.jdbc.filter.FilterCompiler;
import io.baton.storage.jdbc.filter.SmallObjectFilterTargets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;

public final class JdbcAutomationStore implements AutomationStore {

    private static final Map<String, List<SortField<?>>> SORTS = Map.of(
            "CREATED_DESC", List.of(AUTOMATION.CREATED.desc()),
            "UPDATED_DESC", List.of(AUTOMATION.UPDATED.desc()),
            "NAME_ASC", List.of(AUTOMATION.NAME.asc()),
            "NAME_DESC", List.of(AUTOMATION.NAME.desc()));

    private final Database db;

    public JdbcAutomationStore(Database db) {
        this.db = db;
    }

    @Override
    public Automation create(AutomationSpec spec, String ownerResource) {
        return db.write(dsl -> {
            Instant now = Times.now();
            UUID id = Ids.uuid4();
            dsl.insertInto(AUTOMATION.table()).set(values(spec, now))
                    .set(AUTOMATION.ID, id).set(AUTOMATION.CREATED, now).execute();
            relate(dsl, id, spec, ownerResource, now);
            return read(dsl, id).orElseThrow();
        });
    }

    /** Records the resources the actions name, and the owner (which may also be one of them). */
    private static void relate(DSLContext dsl, UUID id, AutomationSpec spec, String ownerResource, Instant now) {
        Map<String, Boolean> related = new LinkedHashMap<>();
        spec.relatedResourceIds().forEach(r -> related.put(r, false));
        if (ownerResource != null) {
            related.put(ownerResource, true);
        }
        related.forEach((resource, owned) -> dsl.insertInto(AUTOMATION_RELATED_RESOURCE.table())
                .set(AUTOMATION_RELATED_RESOURCE.ID, Ids.uuid4())
                .set(AUTOMATION_RELATED_RESOURCE.CREATED, now)
                .set(AUTOMATION_RELATED_RESOURCE.UPDATED, now)
                .set(AUTOMATION_RELATED_RESOURCE.AUTOMATION_ID, id)
                .set(AUTOMATION_RELATED_RESOURCE.RESOURCE_ID, resource)
                .set(AUTOMATION_RELATED_RESOURCE.OWNED_BY_RESOURCE, owned)
                .execute());
    }

    private static Map<Field<?>, Object> values(AutomationSpec spec, Instant now) {
        Map<Field<?>, Object> out = new LinkedHashMap<>();
        out.put(AUTOMATION.UPDATED, now);
        out.put(AUTOMATION.NAME, spec.name());
        out.put(AUTOMATION.DESCRIPTION, spec.description());
        out.put(AUTOMATION.ENABLED, spec.enabled());
        out.put(AUTOMATION.TAGS, Rows.json(spec.tags()));
        out.put(AUTOMATION.TRIGGER, spec.trigger());
        out.put(AUTOMATION.ACTIONS, spec.actions());
        out.put(AUTOMATION.ACTIONS_ON_TRIGGER, spec.actionsOnTrigger());
        out.put(AUTOMATION.ACTIONS_ON_RESOLVE, spec.actionsOnResolve());
        return out;
    }

    @Override
    public Optional<Automation> read(UUID id) {
        return db.read(dsl -> read(dsl, id));
    }

    private static Optional<Automation> read(DSLContext dsl, UUID id) {
        return dsl.select(columns()).from(AUTOMATION.table()).where(AUTOMATION.ID.eq(id))
                .fetchOptional(JdbcAutomationStore::map);
    }

    @Override
    public boolean replace(UUID id, AutomationSpec spec) {
        return db.write(dsl -> {
            Instant now = Times.now();
            if (dsl.update(AUTOMATION.table()).set(values(spec, now)).where(AUTOMATION.ID.eq(id)).execute() != 1) {
                return false;
            }
            // The owner stays; the action-derived relations follow the new actions.
            dsl.deleteFrom(AUTOMATION_RELATED_RESOURCE.table())
                    .where(AUTOMATION_RELATED_RESOURCE.AUTOMATION_ID.eq(id))
                    .and(AUTOMATION_RELATED_RESOURCE.OWNED_BY_RESOURCE.isFalse()).execute();
            List<String> owners = dsl.select(AUTOMATION_RELATED_RESOURCE.RESOURCE_ID)
                    .from(AUTOMATION_RELATED_RESOURCE.table())
                    .where(AUTOMATION_RELATED_RESOURCE.AUTOMATION_ID.eq(id)).fetch(AUTOMATION_RELATED_RESOURCE.RESOURCE_ID);
            Map<String, Boolean> related = new LinkedHashMap<>();
            spec.relatedResourceIds().stream().filter(r -> !owners.contains(r)).forEach(r -> related.put(r, false));
            related.keySet().forEach(resource -> dsl.insertInto(AUTOMATION_RELATED_RESOURCE.table())
                    .set(AUTOMATION_RELATED_RESOURCE.ID, Ids.uuid4())
                    .set(AUTOMATION_RELATED_RESOURCE.CREATED, now)
                    .set(AUTOMATION_RELATED_RESOURCE.UPDATED, now)
                    .set(AUTOMATION_RELATED_RESOURCE.AUTOMATION_ID, id)
                    .set(AUTOMATION_RELATED_RESOURCE.RESOURCE_ID, resource)
                    .set(AUTOMATION_RELATED_RESOURCE.OWNED_BY_RESOURCE, false)
                    .execute());
            return true;
        });
    }

    @Override
    public boolean setEnabled(UUID id, boolean enabled) {
        return db.write(dsl -> dsl.update(AUTOMATION.table()).set(AUTOMATION.ENABLED, enabled)
                .set(AUTOMATION.UPDATED, Times.now()).where(AUTOMATION.ID.eq(id)).execute() == 1);
    }

    @Override
    public boolean delete(UUID id) {
        return db.write(dsl -> dsl.deleteFrom(AUTOMATION.table()).where(AUTOMATION.ID.eq(id)).execute() == 1);
    }

    @Override
    public List<Automation> filter(Query query) {
        return db.read(dsl -> dsl.select(columns()).from(AUTOMATION.table())
                .where(condition(dsl, query.criterion()))
                .orderBy(SORTS.getOrDefault(query.sort() == null ? "NAME_ASC" : query.sort(), SORTS.get("NAME_ASC")))
                .limit(query.limit()).offset(query.offset())
                .fetch(JdbcAutomationStore::map));
    }

    @Override
    public List<Automation> enabled() {
        return db.read(dsl -> dsl.select(columns()).from(AUTOMATION.table()).where(AUTOMATION.ENABLED.isTrue())
                .orderBy(AUTOMATION.CREATED).fetch(JdbcAutomationStore::map));
    }

    @Override
    public long count(Criterion criterion) {
        return db.read(dsl -> dsl.selectCount().from(AUTOMATION.table()).where(condition(dsl, criterion))
                .fetchOne(0, Long.class));
    }

    @Override
    public List<Automation> relatedTo(String resourceId) {
        return db.read(dsl -> dsl.select(columns()).from(AUTOMATION.table())
                .where(AUTOMATION.ID.in(dsl.select(AUTOMATION_RELATED_RESOURCE.AUTOMATION_ID)
                        .from(AUTOMATION_RELATED_RESOURCE.table())
                        .where(AUTOMATION_RELATED_RESOURCE.RESOURCE_ID.eq(resourceId))))
                .orderBy(AUTOMATION.NAME.asc())
                .fetch(JdbcAutomationStore::map));
    }

    @Override
    public int deleteOwnedBy(String resourceId) {
        return db.write(dsl -> dsl.deleteFrom(AUTOMATION.table())
                .where(AUTOMATION.ID.in(dsl.select(AUTOMATION_RELATED_RESOURCE.AUTOMATION_ID)
                        .from(AUTOMATION_RELATED_RESOURCE.table())
                        .where(AUTOMATION_RELATED_RESOURCE.RESOURCE_ID.eq(resourceId))
                        .and(AUTOMATION_RELATED_RESOURCE.OWNED_BY_RESOURCE.isTrue())))
                .execute());
    }

    private static Condition condition(DSLContext dsl, Criterion criterion) {
        return new FilterCompiler(dsl.dialect()).compile(criterion, SmallObjectFilterTargets.automation(AUTOMATION));
    }

    private static List<Field<?>> columns() {
        return List.of(AUTOMATION.ID, AUTOMATION.CREATED, AUTOMATION.UPDATED, AUTOMATION.NAME, AUTOMATION.DESCRIPTION,
                AUTOMATION.ENABLED, AUTOMATION.TAGS, AUTOMATION.TRIGGER, AUTOMATION.ACTIONS,
                AUTOMATION.ACTIONS_ON_TRIGGER, AUTOMATION.ACTIONS_ON_RESOLVE);
    }

    private static Automation map(Record r) {
        return new Automation(r.get(AUTOMATION.NAME), r.get(AUTOMATION.DESCRIPTION),
                Boolean.TRUE.equals(r.get(AUTOMATION.ENABLED)), Rows.strings(r.get(AUTOMATION.TAGS)),
                r.get(AUTOMATION.TRIGGER), orEmpty(r.get(AUTOMATION.ACTIONS)), orEmpty(r.get(AUTOMATION.ACTIONS_ON_TRIGGER)),
                orEmpty(r.get(AUTOMATION.ACTIONS_ON_RESOLVE)), r.get(AUTOMATION.ID), r.get(AUTOMATION.CREATED),
                r.get(AUTOMATION.UPDATED));
    }

    private static com.fasterxml.jackson.databind.JsonNode orEmpty(com.fasterxml.jackson.databind.JsonNode node) {
        return node == null ? Json.array() : node;
    }
}
