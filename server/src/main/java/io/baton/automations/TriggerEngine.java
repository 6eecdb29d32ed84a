package io.baton.automations;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Ids;
import io.baton.domain.automation.trigger.Bucket;
import io.baton.domain.automation.trigger.BucketEvaluation;
import io.baton.domain.automation.trigger.CausalOrdering;
import io.baton.events.EventBus;
import io.baton.events.EventPublisher;
import io.baton.storage.AutomationStateStore;
import io.baton.storage.AutomationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reactive evaluation: every event this process committed goes, in {@code follows} order, through the event
 * triggers of the enabled automations; each covered trigger's bucket is updated in its own transaction,
 * locked against other replicas, with the actions of any firing queued in the same transaction.
 *
 * <p>The enabled automations are held in memory, reloaded when this process changes one and when the
 * database's change marker moved (checked at most once a second), so changes made through another replica
 * are noticed too.
 */
public final class TriggerEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TriggerEngine.class);
    private static final int MAX_QUEUED = 200_000;
    private static final Duration MARKER_INTERVAL = Duration.ofSeconds(1);
    /** How long an event waits for the event it follows before being evaluated anyway. */
    static final Duration FOLLOWS_WAIT = Duration.ofSeconds(5);

    private final AutomationStore automations;
    private final AutomationStateStore state;
    private final EventBus bus;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Runnable actionsQueued;
    private final LinkedBlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
    private final CausalOrdering ordering = new CausalOrdering(FOLLOWS_WAIT, 100_000);
    private final Thread thread;
    private final java.util.function.Consumer<JsonNode> sink = this::offer;
    private volatile boolean running = true;
    private volatile boolean reloadWanted = true;
    private volatile LoadedAutomations loaded = LoadedAutomations.EMPTY;
    private String marker;
    private Instant markerChecked = Instant.EPOCH;

    public TriggerEngine(AutomationStore automations, AutomationStateStore state, EventBus bus,
                         EventPublisher publisher, Clock clock, Runnable actionsQueued) {
        this.automations = automations;
        this.state = state;
        this.bus = bus;
        this.publisher = publisher;
        this.clock = clock;
        this.actionsQueued = actionsQueued;
        this.thread = Thread.ofPlatform().name("baton-triggers").daemon(true).unstarted(this::run);
    }

    public TriggerEngine start() {
        reload();
        bus.subscribeCommittedHere(sink);
        thread.start();
        return this;
    }

    /** This process created, changed or deleted an automation: reload before the next event. */
    public void automationsChanged() {
        reloadWanted = true;
    }

    LoadedAutomations loaded() {
        refreshIfChanged();
        return loaded;
    }

    private void offer(JsonNode event) {
        if (queue.size() >= MAX_QUEUED) {
            log.warn("Trigger evaluation is {} events behind; dropping event {}", MAX_QUEUED, event.path("id"));
            return;
        }
        queue.add(event);
    }

    private void run() {
        while (running) {
            try {
                JsonNode event = queue.poll(200, TimeUnit.MILLISECONDS);
                refreshIfChanged();
                Instant now = clock.instant();
                for (JsonNode lost : ordering.lost(now)) {
                    evaluate(lost);
                }
                if (event != null) {
                    boolean covered = !loaded.interestedIn(event).isEmpty();
                    for (JsonNode ready : ordering.accept(event, covered, now)) {
                        evaluate(ready);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Trigger evaluation failed", e);
            }
        }
    }

    private synchronized void refreshIfChanged() {
        Instant now = clock.instant();
        if (!reloadWanted && now.isBefore(markerChecked.plus(MARKER_INTERVAL))) {
            return;
        }
        markerChecked = now;
        String current = state.automationsMarker();
        if (reloadWanted || !Objects.equals(current, marker)) {
            reloadWanted = false;
            marker = current;
            loaded = LoadedAutomations.of(automations.enabled());
        }
    }

    private synchronized void reload() {
        reloadWanted = true;
        refreshIfChanged();
    }

    private void evaluate(JsonNode event) {
        List<LoadedAutomations.Watch> watches = loaded.interestedIn(event);
        if (watches.isEmpty()) {
            return;
        }
        Instant occurred = Instant.parse(event.path("occurred").asText());
        for (LoadedAutomations.Watch w : watches) {
            List<JsonNode> triggered = state.transact(tx -> {
                var automationId = w.owner().automation().id();
                List<String> key = w.trigger().bucketingKey(event);
                Bucket existing = tx.lockBucket(automationId, w.trigger().id(), key).orElse(null);
                BucketEvaluation.Step step = BucketEvaluation.onEvent(w.trigger(), existing, event, occurred,
                        clock.instant(), Ids::uuid7);
                if (!Objects.equals(step.bucket(), existing)) {
                    tx.saveBucket(automationId, w.trigger().id(), key, step.bucket());
                }
                return step.firings().isEmpty() ? List.<JsonNode>of() : Firings.propagate(tx, w.owner(), step.firings());
            });
            published(triggered);
        }
    }

    void published(List<JsonNode> triggered) {
        if (!triggered.isEmpty()) {
            publisher.publish(new ArrayList<>(triggered));
            actionsQueued.run();
        }
    }

    @Override
    public void close() {
        running = false;
        bus.unsubscribeCommittedHere(sink);
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
