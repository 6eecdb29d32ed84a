package io.baton.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.artifact.Artifact;
import io.baton.domain.artifact.ArtifactCollection;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Artifacts, and for keyed ones the latest-per-key collection kept in the same transactions. */
public interface ArtifactStore {

    /** {@code fields} holds the ArtifactCreate keys (key, type, description, data, metadata_, flow_run_id, task_run_id). */
    Artifact create(JsonNode fields);

    Optional<Artifact> read(UUID id);

    /** Sets the given columns (data, description, metadata_); false when missing. */
    boolean update(UUID id, Map<String, JsonNode> changes);

    boolean delete(UUID id);

    Optional<Artifact> latest(String key);

    List<Artifact> filter(Query query);

    long count(Criterion criterion);

    List<ArtifactCollection> filterLatest(Query query);

    long countLatest(Criterion criterion);
}
