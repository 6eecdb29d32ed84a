package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.DeploymentScheduleTable.DEPLOYMENT_SCHEDULE;
import static io.baton.storage.jdbc.tables.DeploymentTable.DEPLOYMENT;
import static io.baton.storage.jdbc.tables.FlowTable.FLOW;
import static io.baton.storage.jdbc.tables.SchedulingTables.BLOCK_DOCUMENT;
import static io.baton.storage.jdbc.tables.SchedulingTables.CONCURRENCY_LIMIT_V2;
import static io.baton.storage.jdbc.tables.WorkPoolTable.WORK_POOL;
import static io.baton.storage.jdbc.tables.WorkQueueTable.WORK_QUEUE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Change;
import io.baton.domain.Ids;
import io.baton.domain.event.ServerEvents;
import io.baton.domain.event.ServerEvents.Action;
import io.baton.domain.Times;
import io.baton.domain.Upserted;
import io.baton.domain.deployment.Deployment;
import io.baton.domain.deployment.DeploymentSchedule;
import io.baton.domain.deployment.DeploymentWrite;
import io.baton.domain.deployment.GlobalConcurrencyLimit;
import io.baton.domain.deployment.ScheduleChanges;
import io.baton.domain.deployment.ScheduleSpec;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.work.WorkQueue;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.storage.DeploymentStore;
import io.baton.storage.ObjectConflictException;
import io.baton.storage.ObjectNotFoundException;
import io.baton.storage.jdbc.filter.FilterCompiler;
import io.baton.storage.jdbc.filter.FilterTargets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.SortField;
import org.jooq.impl.DSL;

public final class JdbcDeploymentStore implements DeploymentStore {

    static final Map<String, List<SortField<?>>> SORTS = Map.of(
            "CREATED_DESC", List.of(DEPLOYMENT.CREATED.desc()),
            "UPDATED_DESC", List.of(DEPLOYMENT.UPDATED.desc()),
            "NAME_ASC", List.of(DEPLOYMENT.NAME.asc()),
            "NAME_DESC", List.of(DEPLOYMENT.NAME.desc()));

    private final Database db;
    private final EventOutbox outbox;

    public JdbcDeploymentStore(Database db) {
        this(db, new EventOutbox(db));
    }

    public JdbcDeploymentStore(Database db, EventOutbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /** Fields an update event leaves out: the server's bookkeeping, not what the caller changed. */
    private static final java.util.Set<String> NOT_UPDATES = java.util.Set.of("id", "created", "updated",
            "last_polled", "status", "schedules", "updated_by", "created_by");

    /** {@code prefect.deployment.updated} with what changed between {@code before} and the row as it is now. */
    private static void updatedEvent(DSLContext dsl, EventOutbox.Emitted events, UUID id, Deployment before,
                                     Instant now) {
        JsonNode after = Json.toTree(readOne(dsl, id).orElseThrow());
        ObjectEvents.deployment(dsl, events, id, Action.UPDATED,
                ServerEvents.updates(Json.toTree(before), after, NOT_UPDATES), now);
    }

    // ---- writes ----

    @Override
    public Upserted<Deployment> upsert(DeploymentWrite write) {
        return outbox.write((dsl, events) -> {
            Instant now = Times.now();
            checkBlocks(dsl, write);
            UUID id = dsl.select(DEPLOYMENT.ID).from(DEPLOYMENT.table())
                    .where(DEPLOYMENT.FLOW_ID.eq(write.flowId())).and(DEPLOYMENT.NAME.eq(write.name()))
                    .fetchOne(DEPLOYMENT.ID);
            boolean created = false;
            if (id == null) {
                UUID fresh = Ids.uuid4();
                int inserted = dsl.insertInto(DEPLOYMENT.table())
                        .set(DEPLOYMENT.ID, fresh)
                        .set(DEPLOYMENT.CREATED, now)
                        .set(DEPLOYMENT.UPDATED, now)
                        .set(DEPLOYMENT.NAME, write.name())
                        .set(DEPLOYMENT.FLOW_ID, write.flowId())
                        .set(DEPLOYMENT.LABELS, labels(write.flowId(), null))
                        .set(DEPLOYMENT.PULL_STEPS, Json.array())
                        .onConflict(Sql.unqualified(DEPLOYMENT.FLOW_ID), Sql.unqualified(DEPLOYMENT.NAME))
                        .doNothing()
                        .execute();
                created = inserted == 1;
                id = created ? fresh : dsl.select(DEPLOYMENT.ID).from(DEPLOYMENT.table())
                        .where(DEPLOYMENT.FLOW_ID.eq(write.flowId())).and(DEPLOYMENT.NAME.eq(write.name()))
                        .fetchOne(DEPLOYMENT.ID);
            }
            Deployment before = created ? null : readOne(dsl, id).orElseThrow();
            apply(dsl, id, write.flowId(), write, created, now);
            if (created) {
                ObjectEvents.deployment(dsl, events, id, Action.CREATED, null, now);
            } else {
                updatedEvent(dsl, events, id, before, now);
            }
            return new Upserted<>(readOne(dsl, id).orElseThrow(), created);
        });
    }

    @Override
    public boolean update(UUID id, DeploymentWrite changes) {
        return outbox.write((dsl, events) -> {
            UUID flowId = dsl.select(DEPLOYMENT.FLOW_ID).from(DEPLOYMENT.table()).where(DEPLOYMENT.ID.eq(id))
                    .fetchOne(DEPLOYMENT.FLOW_ID);
            if (flowId == null) {
                return false;
            }
            checkBlocks(dsl, changes);
            Deployment before = readOne(dsl, id).orElseThrow();
            Instant now = Times.now();
            apply(dsl, id, flowId, changes, false, now);
            updatedEvent(dsl, events, id, before, now);
            return true;
        });
    }

    /** Writes the set fields, the queue, the schedules and the limit of a deployment row that exists. */
    private static void apply(DSLContext dsl, UUID id, UUID flowId, DeploymentWrite w, boolean created, Instant now) {
        Map<Field<?>, Object> set = new HashMap<>();
        put(set, DEPLOYMENT.VERSION, w.version());
        put(set, DEPLOYMENT.DESCRIPTION, w.description());
        putNotNull(set, DEPLOYMENT.PAUSED, w.paused());
        put(set, DEPLOYMENT.CONCURRENCY_OPTIONS, w.concurrencyOptions());
        putNotNull(set, DEPLOYMENT.ENFORCE_PARAMETER_SCHEMA, w.enforceParameterSchema());
        put(set, DEPLOYMENT.PARAMETER_OPENAPI_SCHEMA, w.parameterOpenapiSchema());
        putNotNull(set, DEPLOYMENT.PARAMETERS, w.parameters());
        if (w.tags() != null && w.tags().value() != null) {
            set.put(DEPLOYMENT.TAGS, Rows.json(w.tags().value()));
        }
        if (w.labels() != null) {
            set.put(DEPLOYMENT.LABELS, labels(flowId, w.labels().value()));
        }
        put(set, DEPLOYMENT.PULL_STEPS, w.pullSteps());
        put(set, DEPLOYMENT.STORAGE_DOCUMENT_ID, w.storageDocumentId());
        put(set, DEPLOYMENT.INFRASTRUCTURE_DOCUMENT_ID, w.infrastructureDocumentId());
        put(set, DEPLOYMENT.PATH, w.path());
        put(set, DEPLOYMENT.ENTRYPOINT, w.entrypoint());
        putNotNull(set, DEPLOYMENT.INFRA_OVERRIDES, w.jobVariables());
        resolveQueue(dsl, w, now, set);
        if (w.globalConcurrencyLimitId() != null) {
            set.put(DEPLOYMENT.CONCURRENCY_LIMIT_ID, w.globalConcurrencyLimitId().value());
        }
        if (w.concurrencyLimit() != null) {
            set.put(DEPLOYMENT.CONCURRENCY_LIMIT_ID, deploymentLimit(dsl, id, w.concurrencyLimit().value(), now));
        }
        set.put(DEPLOYMENT.UPDATED, now);
        dsl.update(DEPLOYMENT.table()).set(set).where(DEPLOYMENT.ID.eq(id)).execute();

        ScheduledRunRows.deleteAutoScheduled(dsl, id, null);
        if (w.schedules() != null || created) {
            dsl.deleteFrom(DEPLOYMENT_SCHEDULE.table()).where(DEPLOYMENT_SCHEDULE.DEPLOYMENT_ID.eq(id)).execute();
            if (w.schedules() != null && w.schedules().value() != null) {
                insertSchedules(dsl, id, w.schedules().value(), now);
            }
        }
    }

    private static <T> void put(Map<Field<?>, Object> set, Field<T> field, Change<T> change) {
        if (change != null) {
            set.put(field, change.value());
        }
    }

    /** For NOT NULL columns: an explicit null leaves the stored value. */
    private static <T> void putNotNull(Map<Field<?>, Object> set, Field<T> field, Change<T> change) {
        if (change != null && change.value() != null) {
            set.put(field, change.value());
        }
    }

    /** User labels plus the label naming the deployment's flow. */
    private static JsonNode labels(UUID flowId, JsonNode given) {
        ObjectNode out = Json.object();
        if (given != null && given.isObject()) {
            out.setAll((ObjectNode) given.deepCopy());
        }
        out.put(Deployment.FLOW_ID_LABEL, flowId.toString());
        return out;
    }

    /**
     * The deployment's queue: a pool (and optionally a queue name, created when missing) or only a queue name
     * (in the legacy agent pool); an explicit {@code work_pool_name: null} detaches it from any queue.
     */
    private static void resolveQueue(DSLContext dsl, DeploymentWrite w, Instant now, Map<Field<?>, Object> set) {
        String poolName = w.workPoolName() == null ? null : w.workPoolName().value();
        String queueName = w.workQueueName() == null ? null : w.workQueueName().value();
        UUID queueId;
        if (poolName != null) {
            Record pool = WorkQueueRows.pool(dsl, poolName)
                    .orElseThrow(() -> new ObjectNotFoundException("Work pool \"" + poolName + "\" not found."));
            queueId = queueName != null ? WorkQueueRows.ensureQueue(dsl, pool.get(WORK_POOL.ID), queueName, now)
                    : pool.get(WORK_POOL.DEFAULT_QUEUE_ID);
        } else if (queueName != null) {
            queueId = WorkQueueRows.ensureQueue(dsl, WorkQueueRows.defaultAgentPool(dsl, now), queueName, now);
        } else {
            if (w.workPoolName() != null || w.workQueueName() != null) {
                set.put(DEPLOYMENT.WORK_QUEUE_ID, null);
                set.put(DEPLOYMENT.WORK_QUEUE_NAME, null);
            }
            return;
        }
        set.put(DEPLOYMENT.WORK_QUEUE_ID, queueId);
        set.put(DEPLOYMENT.WORK_QUEUE_NAME, dsl.select(WORK_QUEUE.NAME).from(WORK_QUEUE.table())
                .where(WORK_QUEUE.ID.eq(queueId)).fetchOne(WORK_QUEUE.NAME));
    }

    /** Creates, updates or (for null) deletes the {@code deployment:<id>} limit; returns the id to link. */
    private static UUID deploymentLimit(DSLContext dsl, UUID deploymentId, Integer limit, Instant now) {
        String name = Deployment.limitName(deploymentId);
        if (limit == null) {
            dsl.deleteFrom(CONCURRENCY_LIMIT_V2.table()).where(CONCURRENCY_LIMIT_V2.NAME.eq(name)).execute();
            return null;
        }
        dsl.insertInto(CONCURRENCY_LIMIT_V2.table())
                .set(CONCURRENCY_LIMIT_V2.ID, Ids.uuid4())
                .set(CONCURRENCY_LIMIT_V2.CREATED, now)
                .set(CONCURRENCY_LIMIT_V2.UPDATED, now)
                .set(CONCURRENCY_LIMIT_V2.NAME, name)
                .set(CONCURRENCY_LIMIT_V2.LIMIT, limit)
                .onConflict(Sql.unqualified(CONCURRENCY_LIMIT_V2.NAME))
                .doUpdate()
                .set(DSL.field(DSL.quotedName("limit"), Integer.class), limit)
                .set(Sql.unqualified(CONCURRENCY_LIMIT_V2.UPDATED), now)
                .execute();
        return dsl.select(CONCURRENCY_LIMIT_V2.ID).from(CONCURRENCY_LIMIT_V2.table())
                .where(CONCURRENCY_LIMIT_V2.NAME.eq(name)).fetchOne(CONCURRENCY_LIMIT_V2.ID);
    }

    private static void checkBlocks(DSLContext dsl, DeploymentWrite w) {
        checkBlock(dsl, w.infrastructureDocumentId(), "infrastructure");
        checkBlock(dsl, w.storageDocumentId(), "storage");
    }

    private static void checkBlock(DSLContext dsl, Change<UUID> id, String kind) {
        if (id != null && id.value() != null && !dsl.fetchExists(BLOCK_DOCUMENT.table(), BLOCK_DOCUMENT.ID.eq(id.value()))) {
            throw new ObjectConflictException("Error creating deployment. Could not find " + kind + " block with id: "
                    + id.value() + ". This usually occurs when applying a deployment specification that was built"
                    + " against a different Prefect database / workspace.");
        }
    }

    private static List<UUID> insertSchedules(DSLContext dsl, UUID deploymentId, List<ScheduleSpec> specs, Instant now) {
        List<UUID> ids = new ArrayList<>();
        for (ScheduleSpec spec : specs) {
            UUID id = Ids.uuid4();
            dsl.insertInto(DEPLOYMENT_SCHEDULE.table())
                    .set(DEPLOYMENT_SCHEDULE.ID, id)
                    .set(DEPLOYMENT_SCHEDULE.CREATED, now)
                    .set(DEPLOYMENT_SCHEDULE.UPDATED, now)
                    .set(DEPLOYMENT_SCHEDULE.DEPLOYMENT_ID, deploymentId)
                    .set(DEPLOYMENT_SCHEDULE.SCHEDULE, spec.schedule().toJson())
                    .set(DEPLOYMENT_SCHEDULE.ACTIVE, spec.active())
                    .set(DEPLOYMENT_SCHEDULE.MAX_SCHEDULED_RUNS, spec.maxScheduledRuns())
                    .set(DEPLOYMENT_SCHEDULE.PARAMETERS, spec.parameters() == null ? Json.object() : spec.parameters())
                    .set(DEPLOYMENT_SCHEDULE.SLUG, spec.slug())
                    .execute();
            ids.add(id);
        }
        return ids;
    }

    @Override
    public boolean delete(UUID id) {
        return outbox.write((dsl, events) -> deleteOne(dsl, events, id));
    }

    private static boolean deleteOne(DSLContext dsl, EventOutbox.Emitted events, UUID id) {
        // Read before the row goes: the event names the deployment's flow, queue and pool.
        ObjectEvents.deployment(dsl, events, id, Action.DELETED, null, Times.now());
        ScheduledRunRows.deleteAllScheduled(dsl, id);
        boolean deleted = dsl.deleteFrom(DEPLOYMENT.table()).where(DEPLOYMENT.ID.eq(id)).execute() == 1;
        dsl.deleteFrom(CONCURRENCY_LIMIT_V2.table()).where(CONCURRENCY_LIMIT_V2.NAME.eq(Deployment.limitName(id))).execute();
        return deleted;
    }

    @Override
    public List<UUID> bulkDelete(Criterion criterion, int limit) {
        return outbox.write((dsl, events) -> {
            List<UUID> ids = dsl.select(DEPLOYMENT.ID).from(DEPLOYMENT.table()).where(condition(dsl, criterion))
                    .orderBy(DEPLOYMENT.ID).limit(limit).fetch(DEPLOYMENT.ID);
            ids.forEach(id -> deleteOne(dsl, events, id));
            return ids;
        });
    }

    @Override
    public boolean setPaused(UUID id, boolean paused) {
        return outbox.write((dsl, events) -> {
            Optional<Deployment> before = readOne(dsl, id);
            Instant now = Times.now();
            int updated = dsl.update(DEPLOYMENT.table()).set(DEPLOYMENT.PAUSED, paused).set(DEPLOYMENT.UPDATED, now)
                    .where(DEPLOYMENT.ID.eq(id)).execute();
            if (updated == 1 && paused) {
                ScheduledRunRows.deleteAllAutoScheduled(dsl, id);
            }
            if (updated == 1 && before.isPresent()) {
                updatedEvent(dsl, events, id, before.get(), now);
            }
            return updated == 1;
        });
    }

    // ---- schedules ----

    @Override
    public Optional<List<DeploymentSchedule>> schedules(UUID deploymentId) {
        return db.read(dsl -> exists(dsl, deploymentId)
                ? Optional.of(schedulesOf(dsl, List.of(deploymentId)).getOrDefault(deploymentId, List.of()))
                : Optional.empty());
    }

    @Override
    public Optional<List<DeploymentSchedule>> addSchedules(UUID deploymentId, List<ScheduleSpec> schedules) {
        return db.write(dsl -> {
            if (!exists(dsl, deploymentId)) {
                return Optional.empty();
            }
            Instant now = Times.now();
            List<UUID> ids = insertSchedules(dsl, deploymentId, schedules, now);
            touch(dsl, deploymentId, now);
            Map<UUID, DeploymentSchedule> byId = new HashMap<>();
            schedulesOf(dsl, List.of(deploymentId)).getOrDefault(deploymentId, List.of()).forEach(s -> byId.put(s.id(), s));
            return Optional.of(ids.stream().map(byId::get).toList());
        });
    }

    @Override
    public boolean updateSchedule(UUID deploymentId, UUID scheduleId, ScheduleChanges changes) {
        return db.write(dsl -> {
            Instant now = Times.now();
            Map<Field<?>, Object> set = new HashMap<>();
            if (changes.schedule() != null && changes.schedule().value() != null) {
                set.put(DEPLOYMENT_SCHEDULE.SCHEDULE, changes.schedule().value().toJson());
            }
            putNotNull(set, DEPLOYMENT_SCHEDULE.ACTIVE, changes.active());
            put(set, DEPLOYMENT_SCHEDULE.MAX_SCHEDULED_RUNS, changes.maxScheduledRuns());
            putNotNull(set, DEPLOYMENT_SCHEDULE.PARAMETERS, changes.parameters());
            put(set, DEPLOYMENT_SCHEDULE.SLUG, changes.slug());
            set.put(DEPLOYMENT_SCHEDULE.UPDATED, now);
            int updated = dsl.update(DEPLOYMENT_SCHEDULE.table()).set(set)
                    .where(DEPLOYMENT_SCHEDULE.ID.eq(scheduleId)).and(DEPLOYMENT_SCHEDULE.DEPLOYMENT_ID.eq(deploymentId))
                    .execute();
            if (updated == 1) {
                ScheduledRunRows.deleteAutoScheduled(dsl, deploymentId, scheduleId);
                touch(dsl, deploymentId, now);
            }
            return updated == 1;
        });
    }

    @Override
    public boolean deleteSchedule(UUID deploymentId, UUID scheduleId) {
        return db.write(dsl -> {
            int deleted = dsl.deleteFrom(DEPLOYMENT_SCHEDULE.table())
                    .where(DEPLOYMENT_SCHEDULE.ID.eq(scheduleId)).and(DEPLOYMENT_SCHEDULE.DEPLOYMENT_ID.eq(deploymentId))
                    .execute();
            if (deleted == 1) {
                ScheduledRunRows.deleteAutoScheduled(dsl, deploymentId, scheduleId);
                touch(dsl, deploymentId, Times.now());
            }
            return deleted == 1;
        });
    }

    private static void touch(DSLContext dsl, UUID deploymentId, Instant now) {
        dsl.update(DEPLOYMENT.table()).set(DEPLOYMENT.UPDATED, now).where(DEPLOYMENT.ID.eq(deploymentId)).execute();
    }

    private static boolean exists(DSLContext dsl, UUID id) {
        return dsl.fetchExists(DEPLOYMENT.table(), DEPLOYMENT.ID.eq(id));
    }

    @Override
    public Optional<List<WorkQueue>> workQueueCheck(UUID deploymentId) {
        return db.read(dsl -> readOne(dsl, deploymentId).map(d -> WorkQueueRows.select(dsl)
                .where(WORK_QUEUE.FILTER.isNotNull())
                .orderBy(WORK_QUEUE.NAME)
                .fetch(WorkQueueRows::map).stream()
                .filter(q -> matchesLegacyFilter(q.filter(), d))
                .toList()));
    }

    /** A legacy queue filter picks up a deployment when its tags are all on the deployment and its ids (if any) name it. */
    private static boolean matchesLegacyFilter(JsonNode filter, Deployment d) {
        if (filter == null || !filter.isObject()) {
            return false;
        }
        JsonNode tags = filter.path("tags");
        if (tags.isArray() && !d.tags().containsAll(Rows.strings(tags))) {
            return false;
        }
        JsonNode ids = filter.path("deployment_ids");
        return !ids.isArray() || Rows.strings(ids).contains(d.id().toString());
    }

    // ---- reads ----

    @Override
    public Optional<Deployment> read(UUID id) {
        return db.read(dsl -> readOne(dsl, id));
    }

    @Override
    public Optional<Deployment> readByName(String flowName, String deploymentName) {
        return db.read(dsl -> {
            List<Deployment> found = fetch(dsl, select(dsl).join(FLOW.table()).on(FLOW.ID.eq(DEPLOYMENT.FLOW_ID))
                    .where(FLOW.NAME.eq(flowName)).and(DEPLOYMENT.NAME.eq(deploymentName)).fetch());
            return found.stream().findFirst();
        });
    }

    @Override
    public List<Deployment> filter(Query query) {
        return db.read(dsl -> fetch(dsl, select(dsl)
                .where(condition(dsl, query.criterion()))
                .orderBy(SORTS.getOrDefault(query.sort() == null ? "NAME_ASC" : query.sort(), SORTS.get("NAME_ASC")))
                .limit(query.limit())
                .offset(query.offset())
                .fetch()));
    }

    @Override
    public long count(Criterion criterion) {
        return db.read(dsl -> dsl.selectCount().from(DEPLOYMENT.table()).where(condition(dsl, criterion)).fetchOne(0, Long.class));
    }

    private static Optional<Deployment> readOne(DSLContext dsl, UUID id) {
        return fetch(dsl, select(dsl).where(DEPLOYMENT.ID.eq(id)).fetch()).stream().findFirst();
    }

    private static Condition condition(DSLContext dsl, Criterion criterion) {
        return new FilterCompiler(dsl.dialect()).compile(criterion, FilterTargets.deployment(DEPLOYMENT));
    }

    private static SelectJoinStep<Record> select(DSLContext dsl) {
        List<Field<?>> columns = new ArrayList<>(List.of(DEPLOYMENT.ID, DEPLOYMENT.CREATED, DEPLOYMENT.UPDATED,
                DEPLOYMENT.NAME, DEPLOYMENT.VERSION, DEPLOYMENT.DESCRIPTION, DEPLOYMENT.FLOW_ID, DEPLOYMENT.PAUSED,
                DEPLOYMENT.CONCURRENCY_OPTIONS, DEPLOYMENT.INFRA_OVERRIDES, DEPLOYMENT.PARAMETERS, DEPLOYMENT.TAGS,
                DEPLOYMENT.LABELS, DEPLOYMENT.WORK_QUEUE_NAME, DEPLOYMENT.WORK_QUEUE_ID, DEPLOYMENT.LAST_POLLED,
                DEPLOYMENT.PARAMETER_OPENAPI_SCHEMA, DEPLOYMENT.PATH, DEPLOYMENT.PULL_STEPS, DEPLOYMENT.ENTRYPOINT,
                DEPLOYMENT.STORAGE_DOCUMENT_ID, DEPLOYMENT.INFRASTRUCTURE_DOCUMENT_ID, DEPLOYMENT.CREATED_BY,
                DEPLOYMENT.UPDATED_BY, DEPLOYMENT.STATUS, DEPLOYMENT.ENFORCE_PARAMETER_SCHEMA, WORK_POOL.NAME,
                CONCURRENCY_LIMIT_V2.ID, CONCURRENCY_LIMIT_V2.CREATED, CONCURRENCY_LIMIT_V2.UPDATED,
                CONCURRENCY_LIMIT_V2.ACTIVE, CONCURRENCY_LIMIT_V2.NAME, CONCURRENCY_LIMIT_V2.LIMIT,
                CONCURRENCY_LIMIT_V2.ACTIVE_SLOTS, CONCURRENCY_LIMIT_V2.SLOT_DECAY_PER_SECOND));
        return dsl.select(columns).from(DEPLOYMENT.table())
                .leftJoin(WORK_QUEUE.table()).on(WORK_QUEUE.ID.eq(DEPLOYMENT.WORK_QUEUE_ID))
                .leftJoin(WORK_POOL.table()).on(WORK_POOL.ID.eq(WORK_QUEUE.WORK_POOL_ID))
                .leftJoin(CONCURRENCY_LIMIT_V2.table()).on(CONCURRENCY_LIMIT_V2.ID.eq(DEPLOYMENT.CONCURRENCY_LIMIT_ID));
    }

    private static List<Deployment> fetch(DSLContext dsl, List<? extends Record> rows) {
        Map<UUID, List<DeploymentSchedule>> schedules = schedulesOf(dsl, rows.stream().map(r -> r.get(DEPLOYMENT.ID)).toList());
        return rows.stream().map(r -> map(r, schedules.getOrDefault(r.get(DEPLOYMENT.ID), List.of()))).toList();
    }

    /** Schedules of the deployments, each list most recently updated first. */
    static Map<UUID, List<DeploymentSchedule>> schedulesOf(DSLContext dsl, List<UUID> deploymentIds) {
        Map<UUID, List<DeploymentSchedule>> out = new LinkedHashMap<>();
        if (deploymentIds.isEmpty()) {
            return out;
        }
        var s = DEPLOYMENT_SCHEDULE;
        dsl.select(s.ID, s.CREATED, s.UPDATED, s.DEPLOYMENT_ID, s.SCHEDULE, s.ACTIVE, s.MAX_SCHEDULED_RUNS, s.PARAMETERS, s.SLUG)
                .from(s.table()).where(s.DEPLOYMENT_ID.in(deploymentIds))
                .orderBy(s.UPDATED.desc(), s.ID)
                .fetch()
                .forEach(r -> out.computeIfAbsent(r.get(s.DEPLOYMENT_ID), k -> new ArrayList<>()).add(new DeploymentSchedule(
                        r.get(s.ID), r.get(s.CREATED), r.get(s.UPDATED), r.get(s.DEPLOYMENT_ID), r.get(s.SCHEDULE),
                        Boolean.TRUE.equals(r.get(s.ACTIVE)), r.get(s.MAX_SCHEDULED_RUNS),
                        r.get(s.PARAMETERS) == null ? Json.object() : r.get(s.PARAMETERS), r.get(s.SLUG))));
        return out;
    }

    private static Deployment map(Record r, List<DeploymentSchedule> schedules) {
        var l = CONCURRENCY_LIMIT_V2;
        GlobalConcurrencyLimit limit = r.get(l.ID) == null ? null : new GlobalConcurrencyLimit(r.get(l.ID), r.get(l.CREATED),
                r.get(l.UPDATED), Boolean.TRUE.equals(r.get(l.ACTIVE)), r.get(l.NAME), r.get(l.LIMIT), r.get(l.ACTIVE_SLOTS),
                r.get(l.SLOT_DECAY_PER_SECOND));
        JsonNode labels = r.get(DEPLOYMENT.LABELS);
        return new Deployment(r.get(DEPLOYMENT.ID), r.get(DEPLOYMENT.CREATED), r.get(DEPLOYMENT.UPDATED),
                r.get(DEPLOYMENT.NAME), r.get(DEPLOYMENT.VERSION), r.get(DEPLOYMENT.DESCRIPTION), r.get(DEPLOYMENT.FLOW_ID),
                Boolean.TRUE.equals(r.get(DEPLOYMENT.PAUSED)), schedules, null, limit, r.get(DEPLOYMENT.CONCURRENCY_OPTIONS),
                orEmpty(r.get(DEPLOYMENT.INFRA_OVERRIDES)), orEmpty(r.get(DEPLOYMENT.PARAMETERS)),
                Rows.strings(r.get(DEPLOYMENT.TAGS)), labels == null ? Json.object() : labels,
                r.get(DEPLOYMENT.WORK_QUEUE_NAME), r.get(DEPLOYMENT.WORK_QUEUE_ID), r.get(DEPLOYMENT.LAST_POLLED),
                r.get(DEPLOYMENT.PARAMETER_OPENAPI_SCHEMA), r.get(DEPLOYMENT.PATH), r.get(DEPLOYMENT.PULL_STEPS),
                r.get(DEPLOYMENT.ENTRYPOINT), r.get(DEPLOYMENT.STORAGE_DOCUMENT_ID),
                r.get(DEPLOYMENT.INFRASTRUCTURE_DOCUMENT_ID), r.get(DEPLOYMENT.CREATED_BY), r.get(DEPLOYMENT.UPDATED_BY),
                r.get(WORK_POOL.NAME), r.get(DEPLOYMENT.STATUS), !Boolean.FALSE.equals(r.get(DEPLOYMENT.ENFORCE_PARAMETER_SCHEMA)));
    }

    private static JsonNode orEmpty(JsonNode node) {
        return node == null ? Json.object() : node;
    }
}
