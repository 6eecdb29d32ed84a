package io.baton.domain.orchestration.port;

/** What happens to a new deployment run when the deployment's concurrency limit is full. */
public enum CollisionStrategy { ENQUEUE, CANCEL_NEW }
