package io.baton.domain.block;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A saved block: its (decrypted, possibly obfuscated) data with referenced documents resolved in place,
 * its schema and type, and {@code block_document_references} naming the nested documents.
 */
public record BlockDocument(UUID id, Instant created, Instant updated, String name, JsonNode data,
        UUID blockSchemaId, BlockSchema blockSchema, UUID blockTypeId, String blockTypeName, BlockType blockType,
        JsonNode blockDocumentReferences, boolean isAnonymous) {}
