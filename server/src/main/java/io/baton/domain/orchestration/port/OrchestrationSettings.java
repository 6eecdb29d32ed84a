package io.baton.domain.orchestration.port;

import java.time.Duration;

/** Server settings orchestration reads; {@link #DEFAULTS} holds Prefect's defaults. */
public record OrchestrationSettings(Duration tagConcurrencySlotWait, Duration deploymentConcurrencySlotWait,
                                    Duration initialDeploymentLeaseDuration, int maxCacheKeyLength) {

    public static final OrchestrationSettings DEFAULTS = new OrchestrationSettings(
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(300), 2000);
}
