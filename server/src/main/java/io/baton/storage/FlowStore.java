package io.baton.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Upserted;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.flow.Flow;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Flows: get-or-create by unique name, read, tag/label updates, delete, filter. */
public interface FlowStore {

    Upserted<Flow> createOrGet(String name, List<String> tags, JsonNode labels);

    Optional<Flow> read(UUID id);

    Optional<Flow> readByName(String name);

    /** Applies the present fields; returns false when the flow does not exist. */
    boolean update(UUID id, Optional<List<String>> tags, Optional<JsonNode> labels);

    boolean delete(UUID id);

    List<Flow> filter(Query query);

    long count(Criterion criterion);

    /** Deletes at most {@code limit} matching flows; returns their ids. */
    List<UUID> bulkDelete(Criterion criterion, int limit);
}
