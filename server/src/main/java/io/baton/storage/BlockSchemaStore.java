package io.baton.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Upserted;
import io.baton.domain.block.BlockSchema;
import io.baton.domain.filter.Criterion;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Block schemas: unique by (checksum, version); the checksum is computed from the fields. */
public interface BlockSchemaStore {

    /** Creates the schema, or finds the one with the same checksum and version. */
    Upserted<BlockSchema> createOrGet(UUID blockTypeId, JsonNode fields, List<String> capabilities, String version);

    Optional<BlockSchema> read(UUID id);

    /** The schema with this checksum and version; without a version, the newest with this checksum. */
    Optional<BlockSchema> readByChecksum(String checksum, String version);

    List<BlockSchema> filter(Criterion criterion, int limit, int offset);

    boolean delete(UUID id);

    /** Every capability some schema declares, sorted. */
    List<String> capabilities();
}
