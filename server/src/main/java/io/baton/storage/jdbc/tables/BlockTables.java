package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/** Block types, schemas, documents and the references between them. */
public final class BlockTables {

    private BlockTables() {}

    public static final BlockTypeTable BLOCK_TYPE = new BlockTypeTable("block_type");
    public static final BlockSchemaTable BLOCK_SCHEMA = new BlockSchemaTable("block_schema");
    public static final BlockSchemaReferenceTable BLOCK_SCHEMA_REFERENCE = new BlockSchemaReferenceTable();
    public static final BlockDocumentTable BLOCK_DOCUMENT = new BlockDocumentTable("block_document");
    public static final BlockDocumentReferenceTable BLOCK_DOCUMENT_REFERENCE = new BlockDocumentReferenceTable();

    public static final class BlockTypeTable extends TableDef {
        public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
        public final Field<String> SLUG = col("slug", SQLDataType.VARCHAR);
        public final Field<String> LOGO_URL = col("logo_url", SQLDataType.VARCHAR);
        public final Field<String> DOCUMENTATION_URL = col("documentation_url", SQLDataType.VARCHAR);
        public final Field<String> DESCRIPTION = col("description", SQLDataType.VARCHAR);
        public final Field<String> CODE_EXAMPLE = col("code_example", SQLDataType.VARCHAR);
        public final Field<Boolean> IS_PROTECTED = col("is_protected", SQLDataType.BOOLEAN);

        public BlockTypeTable(String alias) {
            super("block_type", alias);
        }
    }

    public static final class BlockSchemaTable extends TableDef {
        public final Field<String> CHECKSUM = col("checksum", SQLDataType.VARCHAR);
        public final Field<JsonNode> FIELDS = col("fields", JSON);
        public final Field<JsonNode> CAPABILITIES = col("capabilities", JSON);
        public final Field<String> VERSION = col("version", SQLDataType.VARCHAR);
        public final Field<UUID> BLOCK_TYPE_ID = col("block_type_id", UUID_TYPE);

        public BlockSchemaTable(String alias) {
            super("block_schema", alias);
        }
    }

    public static final class BlockSchemaReferenceTable extends TableDef {
        public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
        public final Field<UUID> PARENT_BLOCK_SCHEMA_ID = col("parent_block_schema_id", UUID_TYPE);
        public final Field<UUID> REFERENCE_BLOCK_SCHEMA_ID = col("reference_block_schema_id", UUID_TYPE);

        BlockSchemaReferenceTable() {
            super("block_schema_reference", "block_schema_reference");
        }
    }

    public static final class BlockDocumentTable extends TableDef {
        public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
        /** Encrypted JSON text. */
        public final Field<String> DATA = col("data", SQLDataType.VARCHAR);
        public final Field<Boolean> IS_ANONYMOUS = col("is_anonymous", SQLDataType.BOOLEAN);
        public final Field<String> BLOCK_TYPE_NAME = col("block_type_name", SQLDataType.VARCHAR);
        public final Field<UUID> BLOCK_TYPE_ID = col("block_type_id", UUID_TYPE);
        public final Field<UUID> BLOCK_SCHEMA_ID = col("block_schema_id", UUID_TYPE);

        public BlockDocumentTable(String alias) {
            super("block_document", alias);
        }
    }

    public static final class BlockDocumentReferenceTable extends TableDef {
        public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
        public final Field<UUID> PARENT_BLOCK_DOCUMENT_ID = col("parent_block_document_id", UUID_TYPE);
        public final Field<UUID> REFERENCE_BLOCK_DOCUMENT_ID = col("reference_block_document_id", UUID_TYPE);

        BlockDocumentReferenceTable() {
            super("block_document_reference", "block_document_reference");
        }
    }
}
