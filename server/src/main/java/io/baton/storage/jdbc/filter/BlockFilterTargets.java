package io.baton.storage.jdbc.filter;

import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.BOOLEAN;
import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.JSON_LIST;
import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.TEXT;
import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.UUID;

import io.baton.domain.filter.Criterion;
import io.baton.storage.jdbc.tables.BlockTables.BlockDocumentTable;
import io.baton.storage.jdbc.tables.BlockTables.BlockSchemaTable;
import io.baton.storage.jdbc.tables.BlockTables.BlockTypeTable;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Block types, schemas and documents as filter targets, related through their foreign keys. */
public final class BlockFilterTargets {

    private BlockFilterTargets() {}

    public static final String BLOCK_TYPE = "block_type";
    public static final String BLOCK_SCHEMA = "block_schema";
    public static final String BLOCK_DOCUMENT = "block_document";

    /** Request-body keys of block filters and the objects they name. */
    public static final Map<String, String> BODY_KEYS = Map.of(
            "block_types", BLOCK_TYPE,
            "block_schemas", BLOCK_SCHEMA,
            "block_documents", BLOCK_DOCUMENT);

    public static FilterTarget blockType(BlockTypeTable t) {
        return new SimpleTarget() {
            {
                column("id", t.ID, UUID);
                column("name", t.NAME, TEXT);
                column("slug", t.SLUG, TEXT);
            }

            @Override
            public Condition related(String relation, Criterion criterion, FilterCompiler c) {
                if (relation.equals(BLOCK_SCHEMA)) {
                    BlockSchemaTable s = new BlockSchemaTable(c.alias("block_schema"));
                    return DSL.exists(DSL.selectOne().from(s.table())
                            .where(s.BLOCK_TYPE_ID.eq(t.ID)).and(c.compile(criterion, blockSchema(s))));
                }
                return super.related(relation, criterion, c);
            }
        };
    }

    public static FilterTarget blockSchema(BlockSchemaTable s) {
        return new SimpleTarget() {
            {
                column("id", s.ID, UUID);
                column("block_type_id", s.BLOCK_TYPE_ID, UUID);
                column("block_capabilities", s.CAPABILITIES, JSON_LIST);
                column("version", s.VERSION, TEXT);
            }
        };
    }

    public static FilterTarget blockDocument(BlockDocumentTable d) {
        return new SimpleTarget() {
            {
                column("id", d.ID, UUID);
                column("name", d.NAME, TEXT);
                column("is_anonymous", d.IS_ANONYMOUS, BOOLEAN);
                column("block_type_id", d.BLOCK_TYPE_ID, UUID);
            }

            @Override
            public Condition related(String relation, Criterion criterion, FilterCompiler c) {
                return switch (relation) {
                    case BLOCK_TYPE -> {
                        BlockTypeTable t = new BlockTypeTable(c.alias("block_type"));
                        yield DSL.exists(DSL.selectOne().from(t.table())
                                .where(t.ID.eq(d.BLOCK_TYPE_ID)).and(c.compile(criterion, blockType(t))));
                    }
                    case BLOCK_SCHEMA -> {
                        BlockSchemaTable s = new BlockSchemaTable(c.alias("block_schema"));
                        yield DSL.exists(DSL.selectOne().from(s.table())
                                .where(s.ID.eq(d.BLOCK_SCHEMA_ID)).and(c.compile(criterion, blockSchema(s))));
                    }
                    default -> super.related(relation, criterion, c);
                };
            }
        };
    }
}
