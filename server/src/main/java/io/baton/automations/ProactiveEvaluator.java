package io.baton.automations;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
import io.baton.domain.automation.trigger.Bucket;
import io.baton.domain.automation.trigger.BucketEvaluation;
import io.baton.domain.automation.trigger.EventTrigger.Posture;
import io.baton.services.PeriodicJob;
import io.baton.storage.AutomationStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Proactive triggers, every {@code PREFECT_SERVER_EVENTS_PROACTIVE_GRANULARITY}: each closed window holding
 * fewer events than the threshold fires. One replica at a time (the others skip the pass).
 */
public final class ProactiveEvaluator implements PeriodicJob {

    static final String LOCK = "baton.automations.proactive";

    private final TriggerEngine engine;
    private final AutomationStateStore state;
    private final Clock clock;
    private final Duration interval;

    public ProactiveEvaluator(TriggerEngine engine, AutomationStateStore state, Clock clock, Duration interval) {
        this.engine = engine;
        this.state = state;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "proactive triggers";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void runOnce() {
        LoadedAutomations loaded = engine.loaded();
        List<LoadedAutomations.Watch> proactive = loaded.watches().stream()
                .filter(w -> w.trigger().posture() == Posture.Proactive).toList();
        if (proactive.isEmpty()) {
            return;
        }
        List<JsonNode> triggered = new ArrayList<>();
        state.transactAlone(LOCK, tx -> {
            Instant now = clock.instant();
            for (LoadedAutomations.Watch w : proactive) {
                var automationId = w.owner().automation().id();
                var triggerId = w.trigger().id();
                if (BucketEvaluation.needsInitialBucket(w.trigger())) {
                    tx.ensureBucket(automationId, triggerId, BucketEvaluation.initialProactiveBucket(w.trigger(), now));
                }
                List<Bucket> closed = new ArrayList<>(tx.closedBuckets(automationId, triggerId, now));
                closed.sort(java.util.Comparator.comparing(b -> io.baton.json.Json.write(b.key())));
                for (Bucket seen : closed) {
                    // Re-read under the bucket's lock: an event may have changed it since.
                    Bucket bucket = tx.lockBucket(automationId, triggerId, seen.key()).orElse(null);
                    if (bucket == null || bucket.end().isAfter(now)) {
                        continue;
                    }
                    BucketEvaluation.Step step = BucketEvaluation.onTime(w.trigger(), bucket, now, Ids::uuid7);
                    if (!Objects.equals(step.bucket(), bucket)) {
                        tx.saveBucket(automationId, triggerId, bucket.key(), step.bucket());
                    }
                    triggered.addAll(Firings.propagate(tx, w.owner(), step.firings()));
                }
            }
        });
        engine.published(triggered);
    }
}
