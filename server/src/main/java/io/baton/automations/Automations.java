package io.baton.automations;

import io.baton.automations.actions.ActionRunner;
import io.baton.automations.actions.LoopbackApi;
import io.baton.automations.actions.Notifications;
import io.baton.events.EventBus;
import io.baton.events.EventPublisher;
import io.baton.storage.AutomationStateStore;
import io.baton.storage.AutomationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running automation services: reactive triggers, proactive evaluation and the action worker. */
public final class Automations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Automations.class);

    private final TriggerEngine engine;
    private final ActionWorker worker;
    private final ScheduledExecutorService proactive;

    private Automations(TriggerEngine engine, ActionWorker worker, ScheduledExecutorService proactive) {
        this.engine = engine;
        this.worker = worker;
        this.proactive = proactive;
    }

    /** {@code PREFECT_SERVER_EVENTS_PROACTIVE_GRANULARITY} (seconds, default 5). */
    public static Duration proactiveGranularity(Map<String, String> env) {
        String v = env.getOrDefault("PREFECT_SERVER_EVENTS_PROACTIVE_GRANULARITY",
                env.get("PREFECT_EVENTS_PROACTIVE_GRANULARITY"));
        try {
            return v == null ? Duration.ofSeconds(5) : Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(5);
        }
    }

    public static Automations start(AutomationStore automations, AutomationStateStore state, EventBus bus,
                                    EventPublisher publisher, AutomationChangeSignal changes, LoopbackApi api,
                                    Clock clock, Duration granularity) {
        ActionWorker worker = new ActionWorker(state, new ActionRunner(api, new Notifications(), clock), publisher,
                clock).start();
        TriggerEngine engine = new TriggerEngine(automations, state, bus, publisher, clock, worker::wake).start();
        changes.listen(engine::automationsChanged);
        ProactiveEvaluator evaluator = new ProactiveEvaluator(engine, state, clock, granularity);
        ScheduledExecutorService proactive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baton-proactive-triggers");
            t.setDaemon(true);
            return t;
        });
        proactive.scheduleWithFixedDelay(() -> {
            try {
                evaluator.runOnce();
            } catch (RuntimeException e) {
                log.warn("Proactive trigger evaluation failed; it runs again after its interval", e);
            }
        }, granularity.toMillis(), granularity.toMillis(), TimeUnit.MILLISECONDS);
        return new Automations(engine, worker, proactive);
    }

    @Override
    public void close() {
        proactive.shutdownNow();
        engine.close();
        worker.close();
    }
}
