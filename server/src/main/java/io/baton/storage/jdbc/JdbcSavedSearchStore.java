package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.SmallObjectTables.SAVED_SEARCH;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
import io.baton.domain.Times;
import io.baton.domain.Upserted;
import io.baton.domain.savedsearch.SavedSearch;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.storage.SavedSearchStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;

public final class JdbcSavedSearchStore implements SavedSearchStore {

    private final Database db;

    public JdbcSavedSearchStore(Database db) {
        this.db = db;
    }

    @Override
    public Upserted<SavedSearch> upsert(String name, JsonNode filters) {
        return db.write(dsl -> {
            Instant now = Times.now();
            JsonNode stored = filters == null || filters.isNull() ? Json.array() : filters;
            int inserted = dsl.insertInto(SAVED_SEARCH.table())
                    .set(SAVED_SEARCH.ID, Ids.uuid4())
                    .set(SAVED_SEARCH.CREATED, now)
                    .set(SAVED_SEARCH.UPDATED, now)
                    .set(SAVED_SEARCH.NAME, name)
                    .set(SAVED_SEARCH.FILTERS, stored)
                    .onConflict(Sql.unqualified(SAVED_SEARCH.NAME))
                    .doNothing()
                    .execute();
            if (inserted == 0) {
                dsl.update(SAVED_SEARCH.table()).set(SAVED_SEARCH.FILTERS, stored).set(SAVED_SEARCH.UPDATED, now)
                        .where(SAVED_SEARCH.NAME.eq(name)).execute();
            }
            SavedSearch search = dsl.select(columns()).from(SAVED_SEARCH.table()).where(SAVED_SEARCH.NAME.eq(name))
                    .fetchOne(JdbcSavedSearchStore::map);
            return new Upserted<>(search, inserted == 1);
        });
    }

    @Override
    public Optional<SavedSearch> read(UUID id) {
        return db.read(dsl -> dsl.select(columns()).from(SAVED_SEARCH.table()).where(SAVED_SEARCH.ID.eq(id))
                .fetchOptional(JdbcSavedSearchStore::map));
    }

    @Override
    public boolean delete(UUID id) {
        return db.write(dsl -> dsl.deleteFrom(SAVED_SEARCH.table()).where(SAVED_SEARCH.ID.eq(id)).execute() == 1);
    }

    @Override
    public List<SavedSearch> list(int limit, int offset) {
        return db.read(dsl -> dsl.select(columns()).from(SAVED_SEARCH.table()).orderBy(SAVED_SEARCH.NAME.asc())
                .limit(limit).offset(offset).fetch(JdbcSavedSearchStore::map));
    }

    private static List<Field<?>> columns() {
        return List.of(SAVED_SEARCH.ID, SAVED_SEARCH.CREATED, SAVED_SEARCH.UPDATED, SAVED_SEARCH.NAME, SAVED_SEARCH.FILTERS);
    }

    private static SavedSearch map(Record r) {
        JsonNode filters = r.get(SAVED_SEARCH.FILTERS);
        return new SavedSearch(r.get(SAVED_SEARCH.ID), r.get(SAVED_SEARCH.CREATED), r.get(SAVED_SEARCH.UPDATED),
                r.get(SAVED_SEARCH.NAME), filters == null ? Json.array() : filters);
    }
}
