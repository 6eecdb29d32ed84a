package io.baton.domain.work;

import io.baton.domain.state.StateType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Concurrency slot usage of pools and queues: the runs holding a slot (PENDING or RUNNING). */
public final class SlotUsage {

    private SlotUsage() {}

    /** States whose runs hold a pool or queue slot. */
    public static final List<String> SLOT_STATES = List.of(StateType.PENDING.name(), StateType.RUNNING.name());

    /** A run occupying a slot ({@code FlowRunSlotSummary}). */
    public record Holder(UUID id, String name, String stateType, String stateName, Instant startTime,
                         Instant stateTimestamp) {}

    /** One queue's usage; {@code runs} is one page (or the first {@code flow_run_limit}) of {@code runCount}. */
    public record Queue(UUID queueId, String queueName, long activeSlots, Integer concurrencyLimit, List<Holder> runs,
                        long runCount) {}

    /** A pool's usage with one page of its queues; {@code queueCount} counts them all. */
    public record Pool(long activeSlots, Integer concurrencyLimit, List<Queue> queues, long queueCount) {}
}
