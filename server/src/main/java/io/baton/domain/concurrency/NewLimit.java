package io.baton.domain.concurrency;

/** The fields of a limit being created (ConcurrencyLimitV2Create). */
public record NewLimit(String name, int limit, boolean active, int activeSlots, int deniedSlots,
                      double slotDecayPerSecond) {

    public static NewLimit of(String name, int limit) {
        return new NewLimit(name, limit, true, 0, 0, 0);
    }
}
