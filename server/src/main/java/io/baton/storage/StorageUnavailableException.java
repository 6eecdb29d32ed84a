package io.baton.storage;

/** A transient database failure (busy, lock timeout, lost connection): the request may be retried. */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
