package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.ArtifactTables.ARTIFACT;
import static io.baton.storage.jdbc.tables.ArtifactTables.ARTIFACT_COLLECTION;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
import io.baton.domain.event.ServerEvents;
import io.baton.domain.event.ServerEvents.Action;
import io.baton.domain.Times;
import io.baton.domain.artifact.Artifact;
import io.baton.domain.artifact.ArtifactCollection;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.storage.ArtifactStore;
import io.baton.storage.Database;
import io.baton.storage.jdbc.filter.ArtifactFilterTargets;
import io.baton.storage.jdbc.filter.FilterCompiler;
import io.baton.storage.jdbc.tables.ArtifactTables.ArtifactTable;
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

public final class JdbcArtifactStore implements ArtifactStore {

    private static final Map<String, Field<?>> UPDATABLE = Map.of(
            "data", ARTIFACT.DATA, "description", ARTIFACT.DESCRIPTION, "metadata_", ARTIFACT.METADATA);

    private final Database db;
    private final EventOutbox outbox;

    public JdbcArtifactStore(Database db) {
        this(db, new EventOutbox(db));
    }

    public JdbcArtifactStore(Database db, EventOutbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /** The collection of {@code key} as its lifecycle event describes it, read in the change's transaction. */
    private static Optional<JsonNode> collectionEvent(DSLContext dsl, String key, Action action, Instant now) {
        List<Field<?>> columns = new java.util.ArrayList<>(columns(ARTIFACT_COLLECTION));
        columns.add(ARTIFACT_COLLECTION.LATEST_ID);
        return dsl.select(columns).from(ARTIFACT_COLLECTION.table()).where(ARTIFACT_COLLECTION.KEY.eq(key))
                .fetchOptional(JdbcArtifactStore::collection)
                .map(c -> ServerEvents.artifactCollection(action, c.id(), c.key(), c.type(), c.data(), c.description(),
                        c.latestId(), c.flowRunId(), c.taskRunId(), now));
    }

    private static Map<String, List<SortField<?>>> sorts(ArtifactTable t) {
        return Map.of(
                "CREATED_DESC", List.of(t.CREATED.desc()),
                "UPDATED_DESC", List.of(t.UPDATED.desc()),
                "ID_DESC", List.of(t.ID.desc()),
                "KEY_DESC", List.of(t.KEY.desc()),
                "KEY_ASC", List.of(t.KEY.asc()));
    }

    @Override
    public Artifact create(JsonNode fields) {
        return outbox.write((dsl, events) -> {
            Instant now = Times.now();
            Artifact artifact = new Artifact(Ids.uuid7(), now, now, text(fields, "key"), text(fields, "type"),
                    text(fields, "description"), nullable(fields.get("data")), nullable(fields.get("metadata_")),
                    uuid(fields, "flow_run_id"), uuid(fields, "task_run_id"));
            dsl.insertInto(ARTIFACT.table()).set(values(ARTIFACT, artifact))
                    .set(ARTIFACT.ID, artifact.id()).set(ARTIFACT.CREATED, now).execute();
            if (artifact.key() != null) {
                boolean existed = dsl.fetchExists(ARTIFACT_COLLECTION.table(), ARTIFACT_COLLECTION.KEY.eq(artifact.key()));
                pointCollectionAt(dsl, artifact, now);
                collectionEvent(dsl, artifact.key(), existed ? Action.UPDATED : Action.CREATED, now)
                        .ifPresent(events::add);
            }
            return artifact;
        });
    }

    /** Makes {@code artifact} the latest of its key, creating the collection row on first use. */
    private static void pointCollectionAt(DSLContext dsl, Artifact artifact, Instant now) {
        Map<Field<?>, Object> latest = values(ARTIFACT_COLLECTION, artifact);
        latest.put(ARTIFACT_COLLECTION.LATEST_ID, artifact.id());
        Map<Field<?>, Object> unqualified = new LinkedHashMap<>();
        latest.forEach((f, v) -> unqualified.put(Sql.unqualified(f), v));
        dsl.insertInto(ARTIFACT_COLLECTION.table()).set(latest)
                .set(ARTIFACT_COLLECTION.ID, Ids.uuid4())
                .set(ARTIFACT_COLLECTION.CREATED, now)
                .onConflict(Sql.unqualified(ARTIFACT_COLLECTION.KEY))
                .doUpdate().set(unqualified)
                .execute();
    }

    private static Map<Field<?>, Object> values(ArtifactTable t, Artifact a) {
        Map<Field<?>, Object> out = new LinkedHashMap<>();
        out.put(t.UPDATED, a.updated());
        out.put(t.KEY, a.key());
        out.put(t.TYPE, a.type());
        out.put(t.DESCRIPTION, a.description());
        out.put(t.DATA, a.data());
        out.put(t.METADATA, a.metadata());
        out.put(t.FLOW_RUN_ID, a.flowRunId());
        out.put(t.TASK_RUN_ID, a.taskRunId());
        return out;
    }

    @Override
    public Optional<Artifact> read(UUID id) {
        return db.read(dsl -> read(dsl, id));
    }

    private static Optional<Artifact> read(DSLContext dsl, UUID id) {
        return dsl.select(columns(ARTIFACT)).from(ARTIFACT.table()).where(ARTIFACT.ID.eq(id))
                .fetchOptional(JdbcArtifactStore::artifact);
    }

    @Override
    public boolean update(UUID id, Map<String, JsonNode> changes) {
        return outbox.write((dsl, events) -> {
            Map<Field<?>, Object> set = new LinkedHashMap<>();
            Map<Field<?>, Object> collectionSet = new LinkedHashMap<>();
            Instant now = Times.now();
            changes.forEach((key, value) -> {
                Field<?> field = UPDATABLE.get(key);
                Object v = key.equals("description") ? (value == null || value.isNull() ? null : value.asText()) : nullable(value);
                set.put(field, v);
                collectionSet.put(DSLColumns.same(ARTIFACT_COLLECTION, field), v);
            });
            set.put(ARTIFACT.UPDATED, now);
            collectionSet.put(ARTIFACT_COLLECTION.UPDATED, now);
            if (dsl.update(ARTIFACT.table()).set(set).where(ARTIFACT.ID.eq(id)).execute() != 1) {
                return false;
            }
            if (dsl.update(ARTIFACT_COLLECTION.table()).set(collectionSet).where(ARTIFACT_COLLECTION.LATEST_ID.eq(id))
                    .execute() > 0) {
                read(dsl, id).map(Artifact::key).flatMap(key -> collectionEvent(dsl, key, Action.UPDATED, now))
                        .ifPresent(events::add);
            }
            return true;
        });
    }

    @Override
    public boolean delete(UUID id) {
        return outbox.write((dsl, events) -> {
            Optional<Artifact> artifact = read(dsl, id);
            if (artifact.isEmpty()) {
                return false;
            }
            dsl.deleteFrom(ARTIFACT.table()).where(ARTIFACT.ID.eq(id)).execute();
            String key = artifact.get().key();
            if (key != null && dsl.fetchExists(ARTIFACT_COLLECTION.table(),
                    ARTIFACT_COLLECTION.KEY.eq(key).and(ARTIFACT_COLLECTION.LATEST_ID.eq(id)))) {
                Optional<Artifact> previous = dsl.select(columns(ARTIFACT)).from(ARTIFACT.table())
                        .where(ARTIFACT.KEY.eq(key)).orderBy(ARTIFACT.CREATED.desc(), ARTIFACT.ID.desc()).limit(1)
                        .fetchOptional(JdbcArtifactStore::artifact);
                Instant now = Times.now();
                if (previous.isPresent()) {
                    Map<Field<?>, Object> latest = values(ARTIFACT_COLLECTION, previous.get());
                    latest.put(ARTIFACT_COLLECTION.LATEST_ID, previous.get().id());
                    latest.put(ARTIFACT_COLLECTION.UPDATED, now);
                    dsl.update(ARTIFACT_COLLECTION.table()).set(latest).where(ARTIFACT_COLLECTION.KEY.eq(key)).execute();
                    collectionEvent(dsl, key, Action.UPDATED, now).ifPresent(events::add);
                } else {
                    collectionEvent(dsl, key, Action.DELETED, now).ifPresent(events::add);
                    dsl.deleteFrom(ARTIFACT_COLLECTION.table()).where(ARTIFACT_COLLECTION.KEY.eq(key)).execute();
                }
            }
            return true;
        });
    }

    @Override
    public Optional<Artifact> latest(String key) {
        return db.read(dsl -> dsl.select(columns(ARTIFACT)).from(ARTIFACT.table())
                .join(ARTIFACT_COLLECTION.table()).on(ARTIFACT_COLLECTION.LATEST_ID.eq(ARTIFACT.ID))
                .where(ARTIFACT_COLLECTION.KEY.eq(key))
                .fetchOptional(JdbcArtifactStore::artifact));
    }

    @Override
    public List<Artifact> filter(Query query) {
        return db.read(dsl -> dsl.select(columns(ARTIFACT)).from(ARTIFACT.table())
                .where(condition(dsl, query.criterion(), ARTIFACT, false))
                .orderBy(sort(ARTIFACT, query.sort()))
                .limit(query.limit()).offset(query.offset())
                .fetch(JdbcArtifactStore::artifact));
    }

    @Override
    public long count(Criterion criterion) {
        return db.read(dsl -> dsl.selectCount().from(ARTIFACT.table())
                .where(condition(dsl, criterion, ARTIFACT, false)).fetchOne(0, Long.class));
    }

    @Override
    public List<ArtifactCollection> filterLatest(Query query) {
        return db.read(dsl -> {
            List<Field<?>> columns = new java.util.ArrayList<>(columns(ARTIFACT_COLLECTION));
            columns.add(ARTIFACT_COLLECTION.LATEST_ID);
            return dsl.select(columns).from(ARTIFACT_COLLECTION.table())
                    .where(condition(dsl, query.criterion(), ARTIFACT_COLLECTION, true))
                    .orderBy(sort(ARTIFACT_COLLECTION, query.sort()))
                    .limit(query.limit()).offset(query.offset())
                    .fetch(JdbcArtifactStore::collection);
        });
    }

    @Override
    public long countLatest(Criterion criterion) {
        return db.read(dsl -> dsl.selectCount().from(ARTIFACT_COLLECTION.table())
                .where(condition(dsl, criterion, ARTIFACT_COLLECTION, true)).fetchOne(0, Long.class));
    }

    private static List<SortField<?>> sort(ArtifactTable t, String sort) {
        Map<String, List<SortField<?>>> sorts = sorts(t);
        return sorts.getOrDefault(sort == null ? "ID_DESC" : sort, sorts.get("ID_DESC"));
    }

    private static Condition condition(DSLContext dsl, Criterion criterion, ArtifactTable t, boolean collection) {
        return new FilterCompiler(dsl.dialect()).compile(criterion, ArtifactFilterTargets.artifact(t, collection));
    }

    private static List<Field<?>> columns(ArtifactTable t) {
        return List.of(t.ID, t.CREATED, t.UPDATED, t.KEY, t.TYPE, t.DESCRIPTION, t.DATA, t.METADATA, t.FLOW_RUN_ID,
                t.TASK_RUN_ID);
    }

    private static Artifact artifact(Record r) {
        return new Artifact(r.get(ARTIFACT.ID), r.get(ARTIFACT.CREATED), r.get(ARTIFACT.UPDATED), r.get(ARTIFACT.KEY),
                r.get(ARTIFACT.TYPE), r.get(ARTIFACT.DESCRIPTION), r.get(ARTIFACT.DATA), r.get(ARTIFACT.METADATA),
                r.get(ARTIFACT.FLOW_RUN_ID), r.get(ARTIFACT.TASK_RUN_ID));
    }

    private static ArtifactCollection collection(Record r) {
        ArtifactTable c = ARTIFACT_COLLECTION;
        return new ArtifactCollection(r.get(c.ID), r.get(c.CREATED), r.get(c.UPDATED), r.get(c.KEY),
                r.get(c.LATEST_ID), r.get(c.TYPE), r.get(c.DESCRIPTION), r.get(c.DATA), r.get(c.METADATA),
                r.get(c.FLOW_RUN_ID), r.get(c.TASK_RUN_ID));
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static UUID uuid(JsonNode node, String key) {
        String text = text(node, key);
        return text == null ? null : UUID.fromString(text);
    }

    private static JsonNode nullable(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    /** The same-named column of another artifact-shaped table. */
    private static final class DSLColumns {
        static Field<?> same(ArtifactTable table, Field<?> column) {
            return switch (column.getName()) {
                case "data" -> table.DATA;
                case "description" -> table.DESCRIPTION;
                case "metadata_" -> table.METADATA;
                default -> throw new IllegalArgumentException(column.getName());
            };
        }
    }
}
