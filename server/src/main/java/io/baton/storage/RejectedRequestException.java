package io.baton.storage;

/**
 * A store refused a request for a reason the caller should see: a referenced object is missing, or the change
 * is not allowed in the object's current condition.
 */
public final class RejectedRequestException extends RuntimeException {

    public enum Reason { NOT_FOUND, NOT_ALLOWED, CONFLICT }

    private final Reason reason;

    public RejectedRequestException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
