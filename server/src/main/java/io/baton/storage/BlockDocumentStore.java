package io.baton.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.block.BlockDocument;
import io.baton.domain.filter.Criterion;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Block documents. Data is encrypted at rest; top-level values of the form
 * {@code {"$ref": {"block_document_id": ...}}} are stored as references and resolved into nested documents
 * on read. Reads obfuscate secret fields unless {@code includeSecrets}.
 */
public interface BlockDocumentStore {

    /** The outcome of a create. */
    sealed interface Created {
        record Ok(BlockDocument document) implements Created {}

        record DuplicateName() implements Created {}

        /** The schema, the type or a referenced document does not exist (or do not belong together). */
        record Invalid(String detail) implements Created {}
    }

    Created create(String name, boolean anonymous, UUID blockSchemaId, UUID blockTypeId, JsonNode data);

    Optional<BlockDocument> read(UUID id, boolean includeSecrets);

    Optional<BlockDocument> readByTypeSlugAndName(String slug, String name, boolean includeSecrets);

    /** False when the document does not exist; throws IllegalArgumentException for a bad schema or reference. */
    boolean update(UUID id, UUID blockSchemaId, JsonNode data, boolean mergeExistingData);

    boolean delete(UUID id);

    List<BlockDocument> filter(Criterion criterion, String sort, int limit, int offset, boolean includeSecrets);

    long count(Criterion criterion);
}
