package io.baton.domain.concurrency;

/** A partial update (ConcurrencyLimitV2Update); null fields are left unchanged. */
public record LimitPatch(Boolean active, String name, Integer limit, Integer activeSlots, Integer deniedSlots,
                         Double slotDecayPerSecond) {

    public static LimitPatch limit(int limit) {
        return new LimitPatch(null, null, limit, null, null, null);
    }
}
