package io.baton.domain.orchestration.port;

import java.util.Optional;
import java.util.UUID;

/** Deployment lookups. Empty means the deployment does not exist (any more). */
public interface DeploymentPort {
    Optional<DeploymentConcurrency> findDeployment(UUID deploymentId);
}
