package io.baton.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import io.baton.domain.variable.Variable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Variables: unique by name. */
public interface VariableStore {

    /** The new variable, or empty when the name is taken. */
    Optional<Variable> create(String name, JsonNode value, List<String> tags);

    Optional<Variable> read(UUID id);

    Optional<Variable> readByName(String name);

    enum UpdateResult { UPDATED, NOT_FOUND, NAME_TAKEN }

    /** Applies the present fields to the variable with this id (or, when {@code id} is null, this name). */
    UpdateResult update(UUID id, String currentName, Optional<String> name, Optional<JsonNode> value,
            Optional<List<String>> tags);

    boolean delete(UUID id);

    boolean deleteByName(String name);

    List<Variable> filter(Query query);

    long count(Criterion criterion);
}
