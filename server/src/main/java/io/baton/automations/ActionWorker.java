package io.baton.automations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.automations.actions.ActionFailed;
import io.baton.automations.actions.ActionRunner;
import io.baton.domain.Ids;
import io.baton.domain.automation.PendingAction;
import io.baton.events.EventPublisher;
import io.baton.json.Json;
import io.baton.storage.AutomationStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued actions: claims them (a lease, so a crashed replica's claims return to the queue and two
 * replicas never hold one together), runs each, publishes {@code prefect.automation.action.triggered} and
 * {@code .executed} or {@code .failed}, and removes it from the queue.
 */
public final class ActionWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ActionWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);

    private final AutomationStateStore state;
    private final ActionRunner runner;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    public ActionWorker(AutomationStateStore state, ActionRunner runner, EventPublisher publisher, Clock clock) {
        this.state = state;
        this.runner = runner;
        this.publisher = publisher;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("baton-actions").daemon(true).unstarted(this::run);
    }

    public ActionWorker start() {
        thread.start();
        return this;
    }

    /** Actions were queued here: look now rather than at the next poll. */
    public void wake() {
        wake.release();
    }

    private void run() {
        while (running) {
            try {
                List<PendingAction> claimed = state.claimActions(20, LEASE);
                for (PendingAction action : claimed) {
                    execute(action);
                    state.completeAction(action.id());
                }
                if (claimed.isEmpty()) {
                    wake.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Running automation actions failed", e);
                    try {
                        Thread.sleep(IDLE_POLL.toMillis());
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    void execute(PendingAction pending) {
        ArrayNode targets = Json.array();
        ObjectNode extra;
        String failure = null;
        try {
            extra = runner.run(pending.action(), pending.firing(), targets).payload();
        } catch (ActionFailed e) {
            extra = Json.object().put("reason", e.getMessage());
            failure = e.getMessage();
        } catch (RuntimeException e) {
            log.warn("Automation action {} failed", pending.action().path("type").asText(), e);
            extra = Json.object().put("reason", String.valueOf(e.getMessage()));
            failure = e.getMessage();
        }
        Instant triggeredAt = Instant.parse(pending.firing().path("triggered").asText());
        var triggeringEvent = pending.firing().get("triggering_event");
        String follows = triggeringEvent != null && triggeringEvent.isObject()
                ? triggeringEvent.path("id").asText() : null;
        var triggeredId = Ids.uuid7(triggeredAt);
        ObjectNode triggered = AutomationEvents.action("triggered", pending.firing(), pending.action(),
                pending.actionIndex(), targets.deepCopy(), null, triggeredId, triggeredAt, follows);
        Instant now = clock.instant();
        ObjectNode outcome = AutomationEvents.action(failure == null ? "executed" : "failed", pending.firing(),
                pending.action(), pending.actionIndex(), targets, extra, Ids.uuid7(now), now, triggeredId.toString());
        publisher.publish(List.of(triggered, outcome));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
