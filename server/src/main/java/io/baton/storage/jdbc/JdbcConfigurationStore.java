package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.MiscTables.CONFIGURATION;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
import io.baton.domain.Times;
import io.baton.storage.ConfigurationStore;
import io.baton.storage.Database;
import java.time.Instant;
import java.util.Optional;

public final class JdbcConfigurationStore implements ConfigurationStore {

    private final Database db;

    public JdbcConfigurationStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<JsonNode> get(String key) {
        return db.read(dsl -> dsl.select(CONFIGURATION.VALUE).from(CONFIGURATION.table())
                .where(CONFIGURATION.KEY.eq(key)).fetchOptional(CONFIGURATION.VALUE));
    }

    @Override
    public void put(String key, JsonNode value) {
        Instant now = Times.now();
        db.writeVoid(dsl -> dsl.insertInto(CONFIGURATION.table())
                .set(CONFIGURATION.ID, Ids.uuid4())
                .set(CONFIGURATION.CREATED, now)
                .set(CONFIGURATION.UPDATED, now)
                .set(CONFIGURATION.KEY, key)
                .set(CONFIGURATION.VALUE, value)
                .onConflict(Sql.unqualified(CONFIGURATION.KEY))
                .doUpdate()
                .set(Sql.unqualified(CONFIGURATION.VALUE), value)
                .set(Sql.unqualified(CONFIGURATION.UPDATED), now)
                .execute());
    }

    @Override
    public void delete(String key) {
        db.writeVoid(dsl -> dsl.deleteFrom(CONFIGURATION.table()).where(CONFIGURATION.KEY.eq(key)).execute());
    }
}
