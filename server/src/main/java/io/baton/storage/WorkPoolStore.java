package io.baton.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.work.WorkPool;
import io.baton.domain.work.WorkPoolChanges;
import java.util.List;
import java.util.Optional;

/** Work pools; creating one also creates its {@code default} queue. */
public interface WorkPoolStore {

    /** @throws ObjectConflictException when the name is taken */
    WorkPool create(String name, String description, String type, JsonNode baseJobTemplate, boolean isPaused,
            Integer concurrencyLimit, JsonNode storageConfiguration);

    Optional<WorkPool> read(String name);

    /** Applies the changes (pause flips the status); false when the pool does not exist. */
    boolean update(String name, WorkPoolChanges changes);

    boolean delete(String name);

    List<WorkPool> filter(Query query);

    long count(Criterion criterion);
}
