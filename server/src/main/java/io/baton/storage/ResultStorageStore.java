package io.baton.storage;

import java.util.Optional;
import java.util.UUID;

/** The server's default result storage: a block document id kept in the configuration table. */
public interface ResultStorageStore {

    Optional<UUID> defaultBlockDocumentId();

    /** Outcome of pointing the default at a block document. */
    enum SetOutcome { SET, BLOCK_NOT_FOUND, NOT_A_STORAGE_BLOCK }

    SetOutcome setDefault(UUID blockDocumentId);

    void clearDefault();
}
