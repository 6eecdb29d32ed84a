package io.baton.storage;

/** A write that conflicts with existing data in a way the API reports with a message of its own. */
public class ObjectConflictException extends RuntimeException {
    public ObjectConflictException(String message) {
        super(message, null, false, false);
    }
}
