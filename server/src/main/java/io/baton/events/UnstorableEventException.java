package io.baton.events;

/**
 * An event the database refused for what it contains (not for being unavailable): refused to the client that
 * sent it, never acknowledged and then lost.
 */
public final class UnstorableEventException extends RuntimeException {

    public UnstorableEventException(String message) {
        super(message, null, false, false);
    }
}
