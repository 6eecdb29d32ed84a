package io.baton.domain.orchestration;

/**
 * A rule's before-hook failed. The orchestration was aborted and unwound; the caller must roll back and answer
 * with an error (not an ABORT body).
 */
public class OrchestrationException extends RuntimeException {
    public OrchestrationException(String message, Throwable cause) {
        super(message, cause);
    }

    public OrchestrationException(String message) {
        super(message);
    }
}
