package io.baton.storage;

/** A unique or foreign key constraint was violated by a write that the caller did not anticipate. */
public class IntegrityViolationException extends RuntimeException {
    public IntegrityViolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
