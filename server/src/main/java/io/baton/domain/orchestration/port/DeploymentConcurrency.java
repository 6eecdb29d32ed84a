package io.baton.domain.orchestration.port;

import java.util.UUID;

/**
 * The deployment facts concurrency rules need. {@code limit} is the deployment's {@code deployment:<id>} V2
 * limit or null when the deployment has none; {@code gracePeriodSeconds} is
 * {@code concurrency_options.grace_period_seconds} or null.
 */
public record DeploymentConcurrency(UUID deploymentId, ConcurrencyLimit limit,
                                    CollisionStrategy collisionStrategy, Integer gracePeriodSeconds) {

    public DeploymentConcurrency {
        if (collisionStrategy == null) {
            collisionStrategy = CollisionStrategy.ENQUEUE;
        }
    }

    public static DeploymentConcurrency unlimited(UUID deploymentId) {
        return new DeploymentConcurrency(deploymentId, null, CollisionStrategy.ENQUEUE, null);
    }
}
