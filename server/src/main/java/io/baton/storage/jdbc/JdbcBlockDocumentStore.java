package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.BlockTables.BLOCK_DOCUMENT;
import static io.baton.storage.jdbc.tables.BlockTables.BLOCK_DOCUMENT_REFERENCE;
import static io.baton.storage.jdbc.tables.BlockTables.BLOCK_SCHEMA;
import static io.baton.storage.jdbc.tables.BlockTables.BLOCK_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Ids;
import io.baton.domain.event.ServerEvents;
import io.baton.domain.event.ServerEvents.Action;
import io.baton.domain.Times;
import io.baton.domain.block.BlockDocument;
import io.baton.domain.block.BlockSchema;
import io.baton.domain.block.SecretFields;
import io.baton.domain.filter.Criterion;
import io.baton.json.Json;
import io.baton.storage.BlockDocumentStore;
import io.baton.storage.Database;
import io.baton.storage.jdbc.filter.BlockFilterTargets;
import io.baton.storage.jdbc.filter.FilterCompiler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
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

public final class JdbcBlockDocumentStore implements BlockDocumentStore {

    private static final Map<String, List<SortField<?>>> SORTS = Map.of(
            "NAME_ASC", List.of(BLOCK_DOCUMENT.NAME.asc()),
            "NAME_DESC", List.of(BLOCK_DOCUMENT.NAME.desc()),
            "BLOCK_TYPE_AND_NAME_ASC", List.of(BLOCK_DOCUMENT.BLOCK_TYPE_NAME.asc(), BLOCK_DOCUMENT.NAME.asc()));
    /** Nested documents deeper than this are not resolved (references cannot form cycles, but be safe). */
    private static final int MAX_DEPTH = 16;

    private final Database db;
    private final EventOutbox outbox;
    private final BlockDataKeys keys;

    public JdbcBlockDocumentStore(Database db, String configuredEncryptionKey) {
        this(db, new EventOutbox(db), configuredEncryptionKey);
    }

    public JdbcBlockDocumentStore(Database db, EventOutbox outbox, String configuredEncryptionKey) {
        this.db = db;
        this.outbox = outbox;
        this.keys = new BlockDataKeys(db, configuredEncryptionKey);
    }

    /** The document's lifecycle event: secret fields and non-string values stay out of its payload. */
    private static JsonNode event(Action action, BlockDocument d, Instant now) {
        BlockSchema schema = d.blockSchema();
        List<String> secretFields = schema == null ? List.of() : Rows.strings(schema.fields().path("secret_fields"));
        List<String> capabilities = schema == null ? List.of() : Rows.strings(schema.capabilities());
        return ServerEvents.blockDocument(action, d.id(), d.name(), d.data(), secretFields, capabilities,
                d.blockTypeId(), d.blockTypeName(), d.blockSchemaId(), now);
    }

    @Override
    public Created create(String name, boolean anonymous, UUID blockSchemaId, UUID blockTypeId, JsonNode data) {
        var cipher = keys.cipher();
        return outbox.write((dsl, events) -> {
            Optional<BlockSchema> schema = BlockRows.readSchema(dsl, blockSchemaId);
            if (schema.isEmpty() || !schema.get().blockTypeId().equals(blockTypeId)) {
                return new Created.Invalid("Block schema " + blockSchemaId + " of block type " + blockTypeId
                        + " not found");
            }
            String documentName = name != null ? name : "anonymous-" + UUID.randomUUID();
            Map<String, UUID> references = new LinkedHashMap<>();
            ObjectNode plain = separateReferences(data, references);
            String missing = missingReference(dsl, references);
            if (missing != null) {
                return new Created.Invalid(missing);
            }
            Instant now = Times.now();
            UUID id = Ids.uuid4();
            int inserted = dsl.insertInto(BLOCK_DOCUMENT.table())
                    .set(BLOCK_DOCUMENT.ID, id)
                    .set(BLOCK_DOCUMENT.CREATED, now)
                    .set(BLOCK_DOCUMENT.UPDATED, now)
                    .set(BLOCK_DOCUMENT.NAME, documentName)
                    .set(BLOCK_DOCUMENT.DATA, cipher.encrypt(Json.write(plain)))
                    .set(BLOCK_DOCUMENT.IS_ANONYMOUS, anonymous)
                    .set(BLOCK_DOCUMENT.BLOCK_TYPE_NAME, schema.get().blockType().name())
                    .set(BLOCK_DOCUMENT.BLOCK_TYPE_ID, blockTypeId)
                    .set(BLOCK_DOCUMENT.BLOCK_SCHEMA_ID, blockSchemaId)
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 0) {
                return new Created.DuplicateName();
            }
            insertReferences(dsl, id, references, now);
            BlockDocument created = load(dsl, BLOCK_DOCUMENT.ID.eq(id), false, 0).orElseThrow();
            events.add(event(Action.CREATED, created, now));
            return new Created.Ok(created);
        });
    }

    @Override
    public Optional<BlockDocument> read(UUID id, boolean includeSecrets) {
        return db.read(dsl -> load(dsl, BLOCK_DOCUMENT.ID.eq(id), includeSecrets, 0));
    }

    @Override
    public Optional<BlockDocument> readByTypeSlugAndName(String slug, String name, boolean includeSecrets) {
        return db.read(dsl -> load(dsl, BLOCK_TYPE.SLUG.eq(slug).and(BLOCK_DOCUMENT.NAME.eq(name)), includeSecrets, 0));
    }

    @Override
    public boolean update(UUID id, UUID blockSchemaId, JsonNode data, boolean mergeExistingData) {
        var cipher = keys.cipher();
        return outbox.write((dsl, events) -> {
            var select = dsl.select(BLOCK_DOCUMENT.DATA, BLOCK_DOCUMENT.BLOCK_TYPE_ID).from(BLOCK_DOCUMENT.table())
                    .where(BLOCK_DOCUMENT.ID.eq(id));
            // Concurrent merges must not lose each other's fields; SQLite writers are serialized anyway.
            Record row = db.isSqlite() ? select.fetchOne() : select.forUpdate().fetchOne();
            if (row == null) {
                return false;
            }
            Instant now = Times.now();
            Map<Field<?>, Object> changes = new LinkedHashMap<>();
            changes.put(BLOCK_DOCUMENT.UPDATED, now);
            if (blockSchemaId != null) {
                Optional<BlockSchema> schema = BlockRows.readSchema(dsl, blockSchemaId);
                if (schema.isEmpty() || !schema.get().blockTypeId().equals(row.get(BLOCK_DOCUMENT.BLOCK_TYPE_ID))) {
                    throw new IllegalArgumentException("Block schema " + blockSchemaId + " not found for this block type");
                }
                changes.put(BLOCK_DOCUMENT.BLOCK_SCHEMA_ID, blockSchemaId);
            }
            if (data != null) {
                ObjectNode stored = (ObjectNode) decrypt(row.get(BLOCK_DOCUMENT.DATA));
                Map<String, UUID> existingRefs = references(dsl, id);
                ObjectNode current = stored.deepCopy();
                existingRefs.forEach((name, ref) -> current.set(name, referenceValue(ref)));
                ObjectNode proposed = Json.object();
                if (mergeExistingData) {
                    proposed.setAll(current);
                }
                if (data.isObject()) {
                    proposed.setAll((ObjectNode) data);
                }
                JsonNode restored = SecretFields.restoreObfuscated(proposed, current);
                Map<String, UUID> newRefs = new LinkedHashMap<>();
                ObjectNode plain = separateReferences(restored, newRefs);
                String missing = missingReference(dsl, newRefs);
                if (missing != null || newRefs.containsValue(id)) {
                    throw new IllegalArgumentException(missing != null ? missing : "A block document cannot reference itself");
                }
                dsl.deleteFrom(BLOCK_DOCUMENT_REFERENCE.table())
                        .where(BLOCK_DOCUMENT_REFERENCE.PARENT_BLOCK_DOCUMENT_ID.eq(id)).execute();
                insertReferences(dsl, id, newRefs, now);
                changes.put(BLOCK_DOCUMENT.DATA, cipher.encrypt(Json.write(plain)));
            }
            dsl.update(BLOCK_DOCUMENT.table()).set(changes).where(BLOCK_DOCUMENT.ID.eq(id)).execute();
            load(dsl, BLOCK_DOCUMENT.ID.eq(id), false, 0).ifPresent(d -> events.add(event(Action.UPDATED, d, now)));
            return true;
        });
    }

    @Override
    public boolean delete(UUID id) {
        return outbox.write((dsl, events) -> {
            Optional<BlockDocument> existing = load(dsl, BLOCK_DOCUMENT.ID.eq(id), false, 0);
            if (dsl.deleteFrom(BLOCK_DOCUMENT.table()).where(BLOCK_DOCUMENT.ID.eq(id)).execute() != 1) {
                return false;
            }
            existing.ifPresent(d -> events.add(event(Action.DELETED, d, Times.now())));
            return true;
        });
    }

    @Override
    public List<BlockDocument> filter(Criterion criterion, String sort, int limit, int offset, boolean includeSecrets) {
        return db.read(dsl -> {
            List<Record> rows = select(dsl).where(condition(dsl, criterion))
                    .orderBy(SORTS.getOrDefault(sort == null ? "NAME_ASC" : sort, SORTS.get("NAME_ASC")))
                    .limit(limit).offset(offset).fetch();
            List<BlockDocument> out = new ArrayList<>(rows.size());
            for (Record row : rows) {
                out.add(build(dsl, row, includeSecrets, 0));
            }
            return out;
        });
    }

    @Override
    public long count(Criterion criterion) {
        return db.read(dsl -> dsl.selectCount().from(BLOCK_DOCUMENT.table()).where(condition(dsl, criterion))
                .fetchOne(0, Long.class));
    }

    private static Condition condition(DSLContext dsl, Criterion criterion) {
        return new FilterCompiler(dsl.dialect()).compile(criterion, BlockFilterTargets.blockDocument(BLOCK_DOCUMENT));
    }

    private static List<Field<?>> columns() {
        List<Field<?>> out = new ArrayList<>(List.of(BLOCK_DOCUMENT.ID, BLOCK_DOCUMENT.CREATED, BLOCK_DOCUMENT.UPDATED,
                BLOCK_DOCUMENT.NAME, BLOCK_DOCUMENT.DATA, BLOCK_DOCUMENT.IS_ANONYMOUS, BLOCK_DOCUMENT.BLOCK_TYPE_NAME,
                BLOCK_DOCUMENT.BLOCK_TYPE_ID, BLOCK_DOCUMENT.BLOCK_SCHEMA_ID));
        out.addAll(BlockRows.schemaColumns());
        return out;
    }

    private static org.jooq.SelectOnConditionStep<Record> select(DSLContext dsl) {
        return dsl.select(columns()).from(BLOCK_DOCUMENT.table())
                .join(BLOCK_SCHEMA.table()).on(BLOCK_SCHEMA.ID.eq(BLOCK_DOCUMENT.BLOCK_SCHEMA_ID))
                .join(BLOCK_TYPE.table()).on(BLOCK_TYPE.ID.eq(BLOCK_DOCUMENT.BLOCK_TYPE_ID));
    }

    private Optional<BlockDocument> load(DSLContext dsl, Condition where, boolean includeSecrets, int depth) {
        Record row = select(dsl).where(where).fetchOne();
        return row == null ? Optional.empty() : Optional.of(build(dsl, row, includeSecrets, depth));
    }

    /** The document with its references resolved: nested data in place, secrets hidden unless asked for. */
    private BlockDocument build(DSLContext dsl, Record row, boolean includeSecrets, int depth) {
        UUID id = row.get(BLOCK_DOCUMENT.ID);
        BlockSchema schema = BlockRows.schema(row);
        ObjectNode data = (ObjectNode) decrypt(row.get(BLOCK_DOCUMENT.DATA));
        ObjectNode references = Json.object();
        if (depth < MAX_DEPTH) {
            for (Map.Entry<String, UUID> ref : references(dsl, id).entrySet()) {
                Optional<BlockDocument> nested = load(dsl, BLOCK_DOCUMENT.ID.eq(ref.getValue()), includeSecrets, depth + 1);
                if (nested.isEmpty()) {
                    continue;
                }
                BlockDocument child = nested.get();
                data.set(ref.getKey(), child.data());
                ObjectNode summary = Json.object();
                summary.put("id", child.id().toString());
                summary.put("name", child.name());
                summary.set("block_type", Json.toTree(child.blockType()));
                summary.put("is_anonymous", child.isAnonymous());
                summary.set("block_document_references", child.blockDocumentReferences());
                references.set(ref.getKey(), Json.object().set("block_document", summary));
            }
        }
        JsonNode shown = includeSecrets ? data : SecretFields.obfuscate(data, SecretFields.of(schema.fields()));
        return new BlockDocument(id, row.get(BLOCK_DOCUMENT.CREATED), row.get(BLOCK_DOCUMENT.UPDATED),
                row.get(BLOCK_DOCUMENT.NAME), shown, row.get(BLOCK_DOCUMENT.BLOCK_SCHEMA_ID), schema,
                row.get(BLOCK_DOCUMENT.BLOCK_TYPE_ID), row.get(BLOCK_DOCUMENT.BLOCK_TYPE_NAME), schema.blockType(),
                references, Boolean.TRUE.equals(row.get(BLOCK_DOCUMENT.IS_ANONYMOUS)));
    }

    private JsonNode decrypt(String stored) {
        if (stored == null) {
            return Json.object();
        }
        JsonNode node = Json.read(keys.cipher().decrypt(stored));
        return node.isObject() ? node : Json.object();
    }

    private static Map<String, UUID> references(DSLContext dsl, UUID parent) {
        Map<String, UUID> out = new LinkedHashMap<>();
        dsl.select(BLOCK_DOCUMENT_REFERENCE.NAME, BLOCK_DOCUMENT_REFERENCE.REFERENCE_BLOCK_DOCUMENT_ID)
                .from(BLOCK_DOCUMENT_REFERENCE.table())
                .where(BLOCK_DOCUMENT_REFERENCE.PARENT_BLOCK_DOCUMENT_ID.eq(parent))
                .orderBy(BLOCK_DOCUMENT_REFERENCE.NAME)
                .forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    private static void insertReferences(DSLContext dsl, UUID parent, Map<String, UUID> references, Instant now) {
        for (Map.Entry<String, UUID> ref : references.entrySet()) {
            dsl.insertInto(BLOCK_DOCUMENT_REFERENCE.table())
                    .set(BLOCK_DOCUMENT_REFERENCE.ID, Ids.uuid4())
                    .set(BLOCK_DOCUMENT_REFERENCE.CREATED, now)
                    .set(BLOCK_DOCUMENT_REFERENCE.UPDATED, now)
                    .set(BLOCK_DOCUMENT_REFERENCE.NAME, ref.getKey())
                    .set(BLOCK_DOCUMENT_REFERENCE.PARENT_BLOCK_DOCUMENT_ID, parent)
                    .set(BLOCK_DOCUMENT_REFERENCE.REFERENCE_BLOCK_DOCUMENT_ID, ref.getValue())
                    .execute();
        }
    }

    private static String missingReference(DSLContext dsl, Map<String, UUID> references) {
        for (Map.Entry<String, UUID> ref : references.entrySet()) {
            if (!dsl.fetchExists(BLOCK_DOCUMENT.table(), BLOCK_DOCUMENT.ID.eq(ref.getValue()))) {
                return "Block document " + ref.getValue() + " referenced by '" + ref.getKey() + "' not found";
            }
        }
        return null;
    }

    private static JsonNode referenceValue(UUID id) {
        return Json.object().set("$ref", Json.object().put("block_document_id", id.toString()));
    }

    /**
     * Splits top-level {@code {"$ref": {"block_document_id": id}}} values out of {@code data}: they go into
     * {@code references}, the rest is returned.
     */
    static ObjectNode separateReferences(JsonNode data, Map<String, UUID> references) {
        ObjectNode plain = Json.object();
        if (data == null || !data.isObject()) {
            return plain;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            UUID ref = referencedId(e.getValue());
            if (ref != null) {
                references.put(e.getKey(), ref);
            } else {
                plain.set(e.getKey(), e.getValue());
            }
        }
        return plain;
    }

    private static UUID referencedId(JsonNode value) {
        if (value == null || !value.isObject() || value.size() != 1 || !value.has("$ref")) {
            return null;
        }
        JsonNode ref = value.get("$ref");
        String text = ref.isObject() ? ref.path("block_document_id").asText(null) : ref.isTextual() ? ref.asText() : null;
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
