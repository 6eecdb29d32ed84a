package io.baton.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Server-wide key/value configuration (default result storage, encryption key, ...). */
public interface ConfigurationStore {

    Optional<JsonNode> get(String key);

    void put(String key, JsonNode value);

    void delete(String key);
}
