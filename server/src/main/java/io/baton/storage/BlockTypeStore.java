package io.baton.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.block.BlockType;
import io.baton.domain.filter.Criterion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Block types: unique by slug; the system types are protected. */
public interface BlockTypeStore {

    /** The new block type, or empty when the slug is taken. */
    Optional<BlockType> create(String name, String slug, Map<String, String> details);

    Optional<BlockType> read(UUID id);

    Optional<BlockType> readBySlug(String slug);

    /** Sets the given detail columns (logo_url, documentation_url, description, code_example); false when missing. */
    boolean update(UUID id, Map<String, String> details);

    boolean delete(UUID id);

    List<BlockType> filter(Criterion criterion, int limit, int offset);

    /**
     * Registers the block types and schemas a fresh Prefect server holds, in one transaction, keeping ids,
     * checksums and fields exactly as given; objects already present (by slug, by checksum and version) are
     * left alone.
     */
    void install(List<JsonNode> blockTypes, List<JsonNode> blockSchemas);
}
