package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.json.Json;
import io.baton.storage.ConfigurationStore;
import io.baton.storage.Database;
import io.baton.storage.ResultStorageStore;
import java.util.Optional;
import java.util.UUID;
import org.jooq.impl.DSL;

public final class JdbcResultStorageStore implements ResultStorageStore {

    static final String KEY = "server_default_result_storage";

    private final Database db;
    private final ConfigurationStore configuration;

    public JdbcResultStorageStore(Database db, ConfigurationStore configuration) {
        this.db = db;
        this.configuration = configuration;
    }

    @Override
    public Optional<UUID> defaultBlockDocumentId() {
        return configuration.get(KEY)
                .map(v -> v.path("default_result_storage_block_id"))
                .filter(JsonNode::isTextual)
                .map(v -> UUID.fromString(v.asText()));
    }

    @Override
    public SetOutcome setDefault(UUID blockDocumentId) {
        var document = DSL.table(DSL.name("block_document"));
        var schema = DSL.table(DSL.name("block_schema"));
        Optional<JsonNode> capabilities = db.read(dsl -> dsl
                .select(DSL.field(DSL.name("block_schema", "capabilities"), JSON))
                .from(document)
                .join(schema).on(DSL.field(DSL.name("block_schema", "id"), UUID_TYPE)
                        .eq(DSL.field(DSL.name("block_document", "block_schema_id"), UUID_TYPE)))
                .where(DSL.field(DSL.name("block_document", "id"), UUID_TYPE).eq(blockDocumentId))
                .fetchOptional(0, JsonNode.class));
        if (capabilities.isEmpty()) {
            return SetOutcome.BLOCK_NOT_FOUND;
        }
        boolean writable = false;
        for (JsonNode c : capabilities.get()) {
            writable |= c.asText().equals("write-path");
        }
        if (!writable) {
            return SetOutcome.NOT_A_STORAGE_BLOCK;
        }
        configuration.put(KEY, Json.object().put("default_result_storage_block_id", blockDocumentId.toString()));
        return SetOutcome.SET;
    }

    @Override
    public void clearDefault() {
        configuration.delete(KEY);
    }
}
