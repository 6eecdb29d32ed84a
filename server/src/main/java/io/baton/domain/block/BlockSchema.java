package io.baton.domain.block;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One version of a block type's JSON schema, identified by the checksum of its fields and a version. */
public record BlockSchema(UUID id, Instant created, Instant updated, String checksum, JsonNode fields,
        UUID blockTypeId, BlockType blockType, JsonNode capabilities, String version) {

    public static final String DEFAULT_VERSION = "non-versioned";
}
