package io.baton.domain.deployment;

import java.time.Instant;
import java.util.UUID;

/** The {@code global_concurrency_limit} object of a deployment ({@code GlobalConcurrencyLimitResponse}). */
public record GlobalConcurrencyLimit(UUID id, Instant created, Instant updated, boolean active, String name, int limit,
        int activeSlots, double slotDecayPerSecond) {}
