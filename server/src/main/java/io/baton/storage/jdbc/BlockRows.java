package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.BlockTables.BLOCK_SCHEMA;
import static io.baton.storage.jdbc.tables.BlockTables.BLOCK_TYPE;

import io.baton.domain.block.BlockSchema;
import io.baton.domain.block.BlockType;
import io.baton.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/** Column lists and row mapping shared by the block stores. */
final class BlockRows {

    private BlockRows() {}

    static List<Field<?>> typeColumns() {
        return List.of(BLOCK_TYPE.ID, BLOCK_TYPE.CREATED, BLOCK_TYPE.UPDATED, BLOCK_TYPE.NAME, BLOCK_TYPE.SLUG,
                BLOCK_TYPE.LOGO_URL, BLOCK_TYPE.DOCUMENTATION_URL, BLOCK_TYPE.DESCRIPTION, BLOCK_TYPE.CODE_EXAMPLE,
                BLOCK_TYPE.IS_PROTECTED);
    }

    static BlockType type(Record r) {
        return new BlockType(r.get(BLOCK_TYPE.ID), r.get(BLOCK_TYPE.CREATED), r.get(BLOCK_TYPE.UPDATED),
                r.get(BLOCK_TYPE.NAME), r.get(BLOCK_TYPE.SLUG), r.get(BLOCK_TYPE.LOGO_URL),
                r.get(BLOCK_TYPE.DOCUMENTATION_URL), r.get(BLOCK_TYPE.DESCRIPTION), r.get(BLOCK_TYPE.CODE_EXAMPLE),
                Boolean.TRUE.equals(r.get(BLOCK_TYPE.IS_PROTECTED)));
    }

    /** Schema columns followed by its block type's columns (for a join on block_type). */
    static List<Field<?>> schemaColumns() {
        List<Field<?>> out = new ArrayList<>(List.of(BLOCK_SCHEMA.ID, BLOCK_SCHEMA.CREATED, BLOCK_SCHEMA.UPDATED,
                BLOCK_SCHEMA.CHECKSUM, BLOCK_SCHEMA.FIELDS, BLOCK_SCHEMA.CAPABILITIES, BLOCK_SCHEMA.VERSION,
                BLOCK_SCHEMA.BLOCK_TYPE_ID));
        out.addAll(typeColumns());
        return out;
    }

    static BlockSchema schema(Record r) {
        return new BlockSchema(r.get(BLOCK_SCHEMA.ID), r.get(BLOCK_SCHEMA.CREATED), r.get(BLOCK_SCHEMA.UPDATED),
                r.get(BLOCK_SCHEMA.CHECKSUM), r.get(BLOCK_SCHEMA.FIELDS) == null ? Json.object() : r.get(BLOCK_SCHEMA.FIELDS),
                r.get(BLOCK_SCHEMA.BLOCK_TYPE_ID), type(r),
                r.get(BLOCK_SCHEMA.CAPABILITIES) == null ? Json.array() : r.get(BLOCK_SCHEMA.CAPABILITIES),
                r.get(BLOCK_SCHEMA.VERSION));
    }

    static java.util.Optional<BlockSchema> readSchema(DSLContext dsl, UUID id) {
        return dsl.select(schemaColumns()).from(BLOCK_SCHEMA.table())
                .join(BLOCK_TYPE.table()).on(BLOCK_TYPE.ID.eq(BLOCK_SCHEMA.BLOCK_TYPE_ID))
                .where(BLOCK_SCHEMA.ID.eq(id)).fetchOptional(BlockRows::schema);
    }
}
