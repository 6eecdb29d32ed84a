package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.BlockTables.BLOCK_SCHEMA;
import static io.baton.storage.jdbc.tables.BlockTables.BLOCK_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
import io.baton.domain.Times;
import io.baton.domain.block.BlockType;
import io.baton.domain.filter.Criterion;
import io.baton.storage.BlockTypeStore;
import io.baton.storage.Database;
import io.baton.storage.jdbc.filter.BlockFilterTargets;
import io.baton.storage.jdbc.filter.FilterCompiler;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;

public final class JdbcBlockTypeStore implements BlockTypeStore {

    private static final Map<String, Field<String>> DETAIL_COLUMNS = Map.of(
            "logo_url", BLOCK_TYPE.LOGO_URL,
            "documentation_url", BLOCK_TYPE.DOCUMENTATION_URL,
            "description", BLOCK_TYPE.DESCRIPTION,
            "code_example", BLOCK_TYPE.CODE_EXAMPLE);

    private final Database db;

    public JdbcBlockTypeStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<BlockType> create(String name, String slug, Map<String, String> details) {
        return db.write(dsl -> {
            Instant now = Times.now();
            UUID id = Ids.uuid4();
            var insert = dsl.insertInto(BLOCK_TYPE.table())
                    .set(BLOCK_TYPE.ID, id)
                    .set(BLOCK_TYPE.CREATED, now)
                    .set(BLOCK_TYPE.UPDATED, now)
                    .set(BLOCK_TYPE.NAME, name)
                    .set(BLOCK_TYPE.SLUG, slug)
                    .set(BLOCK_TYPE.IS_PROTECTED, false);
            for (Map.Entry<String, String> e : details.entrySet()) {
                insert = insert.set(DETAIL_COLUMNS.get(e.getKey()), e.getValue());
            }
            int inserted = insert.onConflictDoNothing().execute();
            return inserted == 1 ? read(dsl, BLOCK_TYPE.ID.eq(id)) : Optional.<BlockType>empty();
        });
    }

    @Override
    public Optional<BlockType> read(UUID id) {
        return db.read(dsl -> read(dsl, BLOCK_TYPE.ID.eq(id)));
    }

    @Override
    public Optional<BlockType> readBySlug(String slug) {
        return db.read(dsl -> read(dsl, BLOCK_TYPE.SLUG.eq(slug)));
    }

    private static Optional<BlockType> read(DSLContext dsl, org.jooq.Condition where) {
        return dsl.select(BlockRows.typeColumns()).from(BLOCK_TYPE.table()).where(where).fetchOptional(BlockRows::type);
    }

    @Override
    public boolean update(UUID id, Map<String, String> details) {
        return db.write(dsl -> {
            Map<Field<?>, Object> changes = new HashMap<>();
            details.forEach((k, v) -> changes.put(DETAIL_COLUMNS.get(k), v));
            changes.put(BLOCK_TYPE.UPDATED, Times.now());
            return dsl.update(BLOCK_TYPE.table()).set(changes).where(BLOCK_TYPE.ID.eq(id)).execute() == 1;
        });
    }

    @Override
    public boolean delete(UUID id) {
        return db.write(dsl -> dsl.deleteFrom(BLOCK_TYPE.table()).where(BLOCK_TYPE.ID.eq(id)).execute() == 1);
    }

    @Override
    public List<BlockType> filter(Criterion criterion, int limit, int offset) {
        return db.read(dsl -> dsl.select(BlockRows.typeColumns()).from(BLOCK_TYPE.table())
                .where(new FilterCompiler(dsl.dialect()).compile(criterion, BlockFilterTargets.blockType(BLOCK_TYPE)))
                .orderBy(BLOCK_TYPE.NAME.asc())
                .limit(limit).offset(offset)
                .fetch(BlockRows::type));
    }

    @Override
    public void install(List<JsonNode> blockTypes, List<JsonNode> blockSchemas) {
        List<UUID> schemaIds = blockSchemas.stream().map(s -> UUID.fromString(s.get("id").asText())).toList();
        int present = db.read(dsl -> dsl.selectCount().from(BLOCK_SCHEMA.table())
                .where(BLOCK_SCHEMA.ID.in(schemaIds)).fetchOne(0, Integer.class));
        if (present == schemaIds.size()) {
            return;
        }
        db.writeVoid(dsl -> {
            Instant now = Times.now();
            Map<String, UUID> typeIdBySeedId = new HashMap<>();
            for (JsonNode type : blockTypes) {
                String slug = type.get("slug").asText();
                dsl.insertInto(BLOCK_TYPE.table())
                        .set(BLOCK_TYPE.ID, UUID.fromString(type.get("id").asText()))
                        .set(BLOCK_TYPE.CREATED, now)
                        .set(BLOCK_TYPE.UPDATED, now)
                        .set(BLOCK_TYPE.NAME, type.get("name").asText())
                        .set(BLOCK_TYPE.SLUG, slug)
                        .set(BLOCK_TYPE.LOGO_URL, text(type, "logo_url"))
                        .set(BLOCK_TYPE.DOCUMENTATION_URL, text(type, "documentation_url"))
                        .set(BLOCK_TYPE.DESCRIPTION, text(type, "description"))
                        .set(BLOCK_TYPE.CODE_EXAMPLE, text(type, "code_example"))
                        .set(BLOCK_TYPE.IS_PROTECTED, type.path("is_protected").asBoolean(false))
                        .onConflictDoNothing()
                        .execute();
                UUID actual = dsl.select(BLOCK_TYPE.ID).from(BLOCK_TYPE.table()).where(BLOCK_TYPE.SLUG.eq(slug))
                        .fetchOne(BLOCK_TYPE.ID);
                typeIdBySeedId.put(type.get("id").asText(), actual);
            }
            for (JsonNode schema : blockSchemas) {
                UUID typeId = typeIdBySeedId.get(schema.get("block_type_id").asText());
                if (typeId == null) {
                    continue;
                }
                dsl.insertInto(BLOCK_SCHEMA.table())
                        .set(BLOCK_SCHEMA.ID, UUID.fromString(schema.get("id").asText()))
                        .set(BLOCK_SCHEMA.CREATED, now)
                        .set(BLOCK_SCHEMA.UPDATED, now)
                        .set(BLOCK_SCHEMA.CHECKSUM, schema.get("checksum").asText())
                        .set(BLOCK_SCHEMA.FIELDS, schema.get("fields"))
                        .set(BLOCK_SCHEMA.CAPABILITIES, schema.get("capabilities"))
                        .set(BLOCK_SCHEMA.VERSION, schema.path("version").asText("non-versioned"))
                        .set(BLOCK_SCHEMA.BLOCK_TYPE_ID, typeId)
                        .onConflictDoNothing()
                        .execute();
            }
        });
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
