package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.MiscTables.CONFIGURATION;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
import io.baton.domain.Times;
import io.baton.domain.block.BlockDataCipher;
import io.baton.json.Json;
import io.baton.storage.Database;
import java.time.Instant;

/**
 * Where the block data key comes from: {@code PREFECT_SERVER_ENCRYPTION_KEY} when set, otherwise a key
 * generated once and kept in the {@code configuration} table, so that every replica on the same database
 * uses the same key (the first to insert wins; the others read it back).
 */
final class BlockDataKeys {

    static final String CONFIGURATION_KEY = "BATON_BLOCK_DATA_KEY";

    private final Database db;
    private final String configuredKey;
    private volatile BlockDataCipher cipher;

    BlockDataKeys(Database db, String configuredKey) {
        this.db = db;
        this.configuredKey = configuredKey == null || configuredKey.isBlank() ? null : configuredKey;
    }

    BlockDataCipher cipher() {
        BlockDataCipher current = cipher;
        if (current == null) {
            synchronized (this) {
                if (cipher == null) {
                    cipher = BlockDataCipher.fromKeyText(configuredKey != null ? configuredKey : storedKey());
                }
                current = cipher;
            }
        }
        return current;
    }

    private String storedKey() {
        return db.write(dsl -> {
            Instant now = Times.now();
            dsl.insertInto(CONFIGURATION.table())
                    .set(CONFIGURATION.ID, Ids.uuid4())
                    .set(CONFIGURATION.CREATED, now)
                    .set(CONFIGURATION.UPDATED, now)
                    .set(CONFIGURATION.KEY, CONFIGURATION_KEY)
                    .set(CONFIGURATION.VALUE, Json.object().put("key", BlockDataCipher.newKeyText()))
                    .onConflictDoNothing()
                    .execute();
            JsonNode value = dsl.select(CONFIGURATION.VALUE).from(CONFIGURATION.table())
                    .where(CONFIGURATION.KEY.eq(CONFIGURATION_KEY)).fetchOne(CONFIGURATION.VALUE);
            return value.get("key").asText();
        });
    }
}
