package io.baton.storage;

/** A write named an object that does not exist (e.g. a deployment's work pool); the message is the API's. */
public class ObjectNotFoundException extends RuntimeException {
    public ObjectNotFoundException(String message) {
        super(message, null, false, false);
    }
}
