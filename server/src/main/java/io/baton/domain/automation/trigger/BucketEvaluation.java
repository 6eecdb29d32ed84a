package io.baton.domain.automation.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.automation.trigger.EventTrigger.Posture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * How an event trigger's bucket changes when a covered event arrives, or when time passes (proactive
 * evaluation), and whether the trigger fires. Reactive triggers fire as soon as the threshold is met and then
 * wait out the rest of the window; proactive ones fire once a window closed with fewer events than the
 * threshold. A trigger with {@code after} only counts in a bucket opened by one of those events.
 */
public final class BucketEvaluation {

    /** How far back a trigger's first bucket reaches, so that events arriving slightly out of order still count. */
    public static final Duration FIRST_BUCKET_LOOKBACK = Duration.ofMinutes(15);

    /** The bucket afterwards (null: none, delete any stored one) and the firings, in order. */
    public record Step(Bucket bucket, List<Firing> firings) {}

    private BucketEvaluation() {}

    /**
     * A covered event for {@code key}. {@code firedAt} stamps firings; {@code ids} names them.
     */
    public static Step onEvent(EventTrigger trigger, Bucket existing, JsonNode event, Instant occurred,
                               Instant firedAt, Supplier<UUID> ids) {
        List<String> key = trigger.bucketingKey(event);
        String name = event.path("event").asText();
        Bucket bucket = existing;
        if (trigger.startsAfter(name)) {
            // An event that both opens and counts must not count towards the bucket it opens.
            int initial = trigger.expects(name) ? -1 : 0;
            bucket = bucket == null
                    ? new Bucket(key, occurred, occurred.plus(trigger.within()), initial, event)
                    : bucket.withLastEvent(event);
        }
        if (bucket == null && trigger.after().isEmpty() && trigger.expects(name)) {
            bucket = new Bucket(key, occurred.minus(FIRST_BUCKET_LOOKBACK), occurred.plus(trigger.within()), 0, event);
        }
        if (!trigger.expects(name) || bucket == null) {
            return new Step(bucket, List.of());
        }
        return evaluate(trigger, bucket, occurred, event, firedAt, ids);
    }

    /** Evaluation without an event: a proactive trigger's window may have closed. */
    public static Step onTime(EventTrigger trigger, Bucket bucket, Instant now, Supplier<UUID> ids) {
        return evaluate(trigger, bucket, now, null, now, ids);
    }

    /** A proactive trigger without {@code after} always has an open bucket; this is its first one. */
    public static Bucket initialProactiveBucket(EventTrigger trigger, Instant now) {
        return new Bucket(List.of(), now, now.plus(trigger.within()), 0, null);
    }

    public static boolean needsInitialBucket(EventTrigger trigger) {
        return trigger.posture() == Posture.Proactive && trigger.after().isEmpty() && trigger.forEach().isEmpty();
    }

    private static Step evaluate(EventTrigger trigger, Bucket bucket, Instant now, JsonNode event, Instant firedAt,
                                 Supplier<UUID> ids) {
        List<Firing> firings = new ArrayList<>();
        while (true) {
            int count = event != null ? 1 : 0;
            if (now.isBefore(bucket.start())) {
                // Late, or the trigger already fired for this window.
                return new Step(bucket, firings);
            }
            boolean inWindow = !now.isBefore(bucket.start()) && now.isBefore(bucket.end());
            if (count > 0 && (trigger.immediate() || inWindow)) {
                bucket = bucket.increment(count, event);
                count = 0;
            }
            boolean readyToFire = trigger.posture() == Posture.Reactive || !bucket.end().isAfter(now);
            if (readyToFire && trigger.meetsThreshold(bucket.count())) {
                firings.add(new Firing(ids.get(), trigger.id(), firedAt, trigger.triggeringLabels(bucket.key()),
                        event != null ? event : bucket.lastEvent()));
            } else if (now.isBefore(bucket.end())) {
                return new Step(bucket, firings);
            }
            if (!trigger.after().isEmpty() || trigger.within().isZero()) {
                return new Step(null, firings);
            }
            Instant start = bucket.end().isAfter(now) ? bucket.end() : now;
            Instant end = start.plus(trigger.within());
            if (trigger.posture() == Posture.Reactive && count > 0) {
                // The event belongs to the next window: count it there.
                bucket = new Bucket(bucket.key(), start, end, 0, bucket.lastEvent());
                continue;
            }
            return new Step(new Bucket(bucket.key(), start, end, count, bucket.lastEvent()), firings);
        }
    }
}
