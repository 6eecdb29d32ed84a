package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.BlockTables.BLOCK_SCHEMA;
import static io.baton.storage.jdbc.tables.BlockTables.BLOCK_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
import io.baton.domain.Times;
import io.baton.domain.Upserted;
import io.baton.domain.block.BlockSchema;
import io.baton.domain.block.BlockSchemaChecksum;
import io.baton.domain.filter.Criterion;
import io.baton.storage.BlockSchemaStore;
import io.baton.storage.Database;
import io.baton.storage.jdbc.filter.BlockFilterTargets;
import io.baton.storage.jdbc.filter.FilterCompiler;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

public final class JdbcBlockSchemaStore implements BlockSchemaStore {

    private final Database db;

    public JdbcBlockSchemaStore(Database db) {
        this.db = db;
    }

    @Override
    public Upserted<BlockSchema> createOrGet(UUID blockTypeId, JsonNode fields, List<String> capabilities, String version) {
        String checksum = BlockSchemaChecksum.of(fields);
        return db.write(dsl -> {
            Instant now = Times.now();
            UUID id = Ids.uuid4();
            int inserted = dsl.insertInto(BLOCK_SCHEMA.table())
                    .set(BLOCK_SCHEMA.ID, id)
                    .set(BLOCK_SCHEMA.CREATED, now)
                    .set(BLOCK_SCHEMA.UPDATED, now)
                    .set(BLOCK_SCHEMA.CHECKSUM, checksum)
                    .set(BLOCK_SCHEMA.FIELDS, fields)
                    .set(BLOCK_SCHEMA.CAPABILITIES, Rows.json(capabilities))
                    .set(BLOCK_SCHEMA.VERSION, version)
                    .set(BLOCK_SCHEMA.BLOCK_TYPE_ID, blockTypeId)
                    .onConflict(Sql.unqualified(BLOCK_SCHEMA.CHECKSUM), Sql.unqualified(BLOCK_SCHEMA.VERSION))
                    .doNothing()
                    .execute();
            BlockSchema schema = dsl.select(BlockRows.schemaColumns()).from(BLOCK_SCHEMA.table())
                    .join(BLOCK_TYPE.table()).on(BLOCK_TYPE.ID.eq(BLOCK_SCHEMA.BLOCK_TYPE_ID))
                    .where(BLOCK_SCHEMA.CHECKSUM.eq(checksum)).and(BLOCK_SCHEMA.VERSION.eq(version))
                    .fetchOne(BlockRows::schema);
            return new Upserted<>(schema, inserted == 1);
        });
    }

    @Override
    public Optional<BlockSchema> read(UUID id) {
        return db.read(dsl -> BlockRows.readSchema(dsl, id));
    }

    @Override
    public Optional<BlockSchema> readByChecksum(String checksum, String version) {
        return db.read(dsl -> {
            var query = dsl.select(BlockRows.schemaColumns()).from(BLOCK_SCHEMA.table())
                    .join(BLOCK_TYPE.table()).on(BLOCK_TYPE.ID.eq(BLOCK_SCHEMA.BLOCK_TYPE_ID))
                    .where(BLOCK_SCHEMA.CHECKSUM.eq(checksum));
            if (version != null) {
                query = query.and(BLOCK_SCHEMA.VERSION.eq(version));
            }
            return query.orderBy(BLOCK_SCHEMA.CREATED.desc()).limit(1).fetchOptional(BlockRows::schema);
        });
    }

    @Override
    public List<BlockSchema> filter(Criterion criterion, int limit, int offset) {
        return db.read(dsl -> dsl.select(BlockRows.schemaColumns()).from(BLOCK_SCHEMA.table())
                .join(BLOCK_TYPE.table()).on(BLOCK_TYPE.ID.eq(BLOCK_SCHEMA.BLOCK_TYPE_ID))
                .where(new FilterCompiler(dsl.dialect()).compile(criterion, BlockFilterTargets.blockSchema(BLOCK_SCHEMA)))
                .orderBy(BLOCK_SCHEMA.CREATED.desc())
                .limit(limit).offset(offset)
                .fetch(BlockRows::schema));
    }

    @Override
    public boolean delete(UUID id) {
        return db.write(dsl -> dsl.deleteFrom(BLOCK_SCHEMA.table()).where(BLOCK_SCHEMA.ID.eq(id)).execute() == 1);
    }

    @Override
    public List<String> capabilities() {
        return db.read(dsl -> {
            TreeSet<String> out = new TreeSet<>();
            for (JsonNode list : dsl.select(BLOCK_SCHEMA.CAPABILITIES).from(BLOCK_SCHEMA.table()).fetch(BLOCK_SCHEMA.CAPABILITIES)) {
                if (list != null) {
                    list.forEach(c -> out.add(c.asText()));
                }
            }
            return List.copyOf(out);
        });
    }
}
