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
import java.util.UUID;
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
    /** Events evaluated in one transaction at most. */
    private static final int MAX_BATCH = 500;
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
        List<JsonNode> arrived = new ArrayList<>();
        while (running) {
            try {
                JsonNode first = queue.poll(200, TimeUnit.MILLISECONDS);
                refreshIfChanged();
                Instant now = clock.instant();
                List<JsonNode> ready = new ArrayList<>(ordering.lost(now));
                if (first != null) {
                    arrived.add(first);
                    queue.drainTo(arrived, MAX_BATCH - 1);
                    for (JsonNode event : arrived) {
                        boolean covered = !loaded.interestedIn(event).isEmpty();
                        ready.addAll(ordering.accept(event, covered, now));
                    }
                    arrived.clear();
                }
                evaluate(ready);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                arrived.clear();
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

    /** One covered event for one event trigger. */
    private record Work(JsonNode event, LoadedAutomations.Watch watch, List<String> key) {}

    /**
     * Counts the events (in order) into every bucket they fall in, in one transaction that first takes, sorted,
     * every lock it will need: one commit per batch rather than per event, and no lock cycles between replicas.
     */
    private void evaluate(List<JsonNode> events) {
        List<Work> work = new ArrayList<>();
        java.util.SortedSet<String> locks = new java.util.TreeSet<>();
        for (JsonNode event : events) {
            for (LoadedAutomations.Watch w : loaded.interestedIn(event)) {
                Work item = new Work(event, w, w.trigger().bucketingKey(event));
                work.add(item);
                var automationId = w.owner().automation().id();
                locks.add(AutomationStateStore.bucketLock(automationId, w.trigger().id(),
                        io.baton.json.Json.write(item.key())));
                for (UUID parent = parentOf(w.owner(), w.trigger().id()); parent != null;
                     parent = parentOf(w.owner(), parent)) {
                    locks.add(AutomationStateStore.compositeLock(automationId, parent));
                }
            }
        }
        if (work.isEmpty()) {
            return;
        }
        List<JsonNode> triggered = state.transact(tx -> {
            tx.lockInOrder(new ArrayList<>(locks));
            List<JsonNode> out = new ArrayList<>();
            for (Work item : work) {
                var automationId = item.watch().owner().automation().id();
                var triggerId = item.watch().trigger().id();
                Bucket existing = tx.lockBucket(automationId, triggerId, item.key()).orElse(null);
                Instant occurred = Instant.parse(item.event().path("occurred").asText());
                BucketEvaluation.Step step = BucketEvaluation.onEvent(item.watch().trigger(), existing, item.event(),
                        occurred, clock.instant(), Ids::uuid7);
                if (!Objects.equals(step.bucket(), existing)) {
                    tx.saveBucket(automationId, triggerId, item.key(), step.bucket());
                }
                if (!step.firings().isEmpty()) {
                    out.addAll(Firings.propagate(tx, item.watch().owner(), step.firings()));
                }
            }
            return out;
        });
        published(triggered);
    }

    private static UUID parentOf(LoadedAutomations.Loaded owner, UUID triggerId) {
        var parent = owner.trigger().parentOf(triggerId);
        return parent == null ? null : parent.id();
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
