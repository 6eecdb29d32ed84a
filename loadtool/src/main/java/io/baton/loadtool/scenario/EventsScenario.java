package io.baton.loadtool.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.loadtool.events.EventsSocket;
import io.baton.loadtool.events.RunRef;
import io.baton.loadtool.events.TaskRunEvents;
import io.baton.loadtool.events.Uuid7;
import io.baton.loadtool.http.ApiClient;
import io.baton.loadtool.http.ApiResponse;
import io.baton.loadtool.metrics.Metrics;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Task-run states arriving the way the Prefect 3 client sends them: per flow run, N task runs each streamed
 * as Pending, Running and Completed events over {@code /api/events/in}, with a ping checkpoint every
 * {@code checkpointEvery} events and at the end of the flow run. Then {@link VisibilityChecks} measures how
 * long the server takes until the task runs can be read back.
 */
public final class EventsScenario implements Scenario {
    static final String EVENTS_SENT = "events sent";
    static final String EVENTS_ACCEPTED = "events accepted";
    static final String EVENTS_UNCONFIRMED = "events unconfirmed (socket failed)";
    static final String CONNECT_ROUTE = "WS /events/in connect";
    static final String CHECKPOINT_ROUTE = "WS /events/in checkpoint";
    static final String SEND_ROUTE = "WS /events/in send";

    private final int tasksPerRun;
    private final int checkpointEvery;
    private final VisibilityChecks.Lookup lookup;
    private final Duration visibilityTimeout;
    private final Duration pollInterval;
    private VisibilityChecks checks;
    private final int automations;
    private LoadAutomations loadAutomations;

    public EventsScenario(int tasksPerRun, int checkpointEvery, boolean lookupByTaskRunIds,
                          Duration visibilityTimeout, Duration pollInterval) {
        this(tasksPerRun, checkpointEvery, lookupByTaskRunIds, visibilityTimeout, pollInterval, 0);
    }

    /** With {@code automations} enabled automations present during the run (see {@link LoadAutomations}). */
    public EventsScenario(int tasksPerRun, int checkpointEvery, boolean lookupByTaskRunIds,
                          Duration visibilityTimeout, Duration pollInterval, int automations) {
        this.automations = automations;
        this.tasksPerRun = tasksPerRun;
        this.checkpointEvery = checkpointEvery;
        this.lookup = lookupByTaskRunIds ? VisibilityChecks.Lookup.TASK_RUN : VisibilityChecks.Lookup.FLOW_RUN;
        this.visibilityTimeout = visibilityTimeout;
        this.pollInterval = pollInterval;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public void setup(RunContext context) {
        checks = new VisibilityChecks(context.api(), lookup, visibilityTimeout, pollInterval, context.clients() * 2);
        if (automations > 0) {
            loadAutomations = new LoadAutomations(context.api());
            loadAutomations.create(automations);
        }
    }

    @Override
    public VirtualUser newUser(int index, RunContext context) {
        return new User(context, index);
    }

    @Override
    public void afterLoad(RunContext context) throws InterruptedException {
        checks.awaitAll();
        if (loadAutomations != null) {
            Thread.sleep(2000); // the last firings' actions
            java.util.List<Double> latencies = loadAutomations.latenciesMillis();
            if (latencies.isEmpty()) {
                context.note(automations + " automations: no firing was recorded");
            } else {
                context.note(String.format(java.util.Locale.ROOT,
                        "%d automations: %d firings, trigger-to-action latency ms p50 %.0f p95 %.0f p99 %.0f max %.0f",
                        automations, latencies.size(), pct(latencies, 50), pct(latencies, 95), pct(latencies, 99),
                        latencies.get(latencies.size() - 1)));
            }
            loadAutomations.delete();
        }
    }

    private static double pct(java.util.List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    @Override
    public Map<String, Double> throughput(RunContext context, double measuredSeconds) {
        Metrics metrics = context.metrics();
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("events/s accepted", metrics.counter(EVENTS_ACCEPTED) / measuredSeconds);
        rates.put("task runs/s", metrics.counter(EVENTS_ACCEPTED) / 3.0 / measuredSeconds);
        return rates;
    }

    private final class User implements VirtualUser {
        private final RunContext context;
        private final ApiClient api;
        private final Metrics metrics;
        private final int index;
        private final URI socketUri;
        private RunRef flow;
        private EventsSocket socket;
        private int sinceCheckpoint;
        private long flowRuns;

        User(RunContext context, int index) {
            this.context = context;
            this.api = context.api();
            this.metrics = context.metrics();
            this.index = index;
            this.socketUri = EventsSocket.eventsInUri(api.baseUrl());
        }

        @Override
        public boolean iterate() throws InterruptedException {
            if (flow == null) {
                ApiResponse created = api.post("/flows/", Payloads.flow("baton-load-events"));
                if (!created.ok() || created.text("id") == null) {
                    return false;
                }
                flow = new RunRef(created.text("id"), "baton-load-events");
            }
            if ((socket == null || !socket.isOpen()) && !connect()) {
                return false;
            }
            ApiResponse run = api.post("/flow_runs/", Payloads.flowRunCreate(flow.id()));
            String runId = run.ok() ? run.text("id") : null;
            if (runId == null) {
                return false;
            }
            String runName = run.text("name") != null ? run.text("name") : "baton-load-" + index + "-" + flowRuns++;
            api.post("/flow_runs/" + runId + "/set_state", Payloads.setFlowRunState(runId, "RUNNING", "Running"));

            RunRef flowRun = new RunRef(runId, runName);
            List<String> taskRunIds = new ArrayList<>(tasksPerRun);
            long lastEventNanos;
            boolean measured;
            try {
                for (int task = 0; task < tasksPerRun; task++) {
                    TaskRunEvents taskRun = new TaskRunEvents(Uuid7.next(), "load_task", task, flowRun, flow);
                    taskRunIds.add(taskRun.taskRunId().toString());
                    for (ObjectNode event : taskRun.lifecycle(Instant.now(), 500)) {
                        send(event);
                    }
                }
                lastEventNanos = System.nanoTime();
                measured = metrics.recording();
                checkpoint();
            } catch (IOException e) {
                socketFailed(e);
                return false;
            }
            api.post("/flow_runs/" + runId + "/set_state", Payloads.setFlowRunState(runId, "COMPLETED", "Completed"));
            checks.submit(new VisibilityChecks.Check(runId, taskRunIds, lastEventNanos, measured));
            return true;
        }

        private boolean connect() {
            long start = System.nanoTime();
            try {
                socket = EventsSocket.open(api.http(), socketUri, context.requestTimeout());
                metrics.recordCall(CONNECT_ROUTE, "ok", System.nanoTime() - start, true);
                sinceCheckpoint = 0;
                return true;
            } catch (IOException e) {
                metrics.recordCall(CONNECT_ROUTE, outcomeOf(e), System.nanoTime() - start, false);
                socket = null;
                return false;
            }
        }

        private void send(ObjectNode event) throws IOException {
            try {
                socket.send(event.toString());
            } catch (IOException e) {
                // Only failures are listed under this route; successful frames are the "events sent" count.
                metrics.recordCall(SEND_ROUTE, outcomeOf(e), 0, false);
                throw e;
            }
            metrics.increment(EVENTS_SENT);
            if (++sinceCheckpoint >= checkpointEvery) {
                checkpoint();
            }
        }

        /** Ping and wait for the pong: everything sent before it has reached the server. */
        private void checkpoint() throws IOException {
            if (sinceCheckpoint == 0) {
                return;
            }
            long start = System.nanoTime();
            try {
                socket.checkpoint();
            } catch (IOException e) {
                metrics.recordCall(CHECKPOINT_ROUTE, outcomeOf(e), System.nanoTime() - start, false);
                throw e;
            }
            metrics.recordCall(CHECKPOINT_ROUTE, "ok", System.nanoTime() - start, true);
            metrics.increment(EVENTS_ACCEPTED, sinceCheckpoint);
            sinceCheckpoint = 0;
        }

        private void socketFailed(IOException e) {
            metrics.increment(EVENTS_UNCONFIRMED, sinceCheckpoint);
            sinceCheckpoint = 0;
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }

        private String outcomeOf(IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("timed out")) {
                return "timeout";
            }
            if (message.contains("closed")) {
                return "closed";
            }
            if (message.contains("auth refused")) {
                return "auth_refused";
            }
            return "io";
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.close();
            }
        }
    }
}
