package io.baton.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Upserted;
import io.baton.domain.savedsearch.SavedSearch;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Saved searches: upserted by unique name. */
public interface SavedSearchStore {

    Upserted<SavedSearch> upsert(String name, JsonNode filters);

    Optional<SavedSearch> read(UUID id);

    boolean delete(UUID id);

    List<SavedSearch> list(int limit, int offset);
}
