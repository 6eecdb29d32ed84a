package io.baton.loadtool.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.loadtool.events.RunRef;
import io.baton.loadtool.events.TaskRunEvents;
import io.baton.loadtool.events.Uuid7;
import io.baton.loadtool.http.ApiClient;
import io.baton.loadtool.http.ApiResponse;
import io.baton.loadtool.http.Json;
import io.baton.loadtool.metrics.Metrics;
import io.baton.loadtool.report.Report;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills a server through its API for the read scenarios: flow runs in a realistic mix of states (bulk
 * creation through deployments when the server has it, else {@code POST /flow_runs/}), then task-run events
 * in batches through {@code POST /events}, each Pending/Running/Completed triple attached to a generated run.
 * Count-bounded, with a time limit as a backstop.
 */
public final class Generator {
    static final String FLOW_RUNS_CREATED = "flow runs created";
    static final String EVENTS_ACCEPTED = "events accepted";
    private static final int SAMPLE_SIZE = 10_000;

    /** Share of generated runs per final state; the mix a busy server's run list shows. */
    private static final String[][] STATE_MIX = {
            {"COMPLETED", "Completed", "60"}, {"FAILED", "Failed", "10"}, {"CRASHED", "Crashed", "2"},
            {"CANCELLED", "Cancelled", "3"}, {"RUNNING", "Running", "5"}, {"PENDING", "Pending", "5"},
            {"SCHEDULED", "Scheduled", "15"}};

    public record Plan(long flowRuns, long events, int flows, int flowRunBatch, int eventBatch, Duration maxDuration) {
    }

    private record GeneratedRun(RunRef flowRun, RunRef flow) {
    }

    private final RunContext context;
    private final Plan plan;
    private final PrintStream progress;
    private final List<GeneratedRun> sample = new ArrayList<>();
    private final AtomicLong seen = new AtomicLong();
    private volatile long deadline;

    public Generator(RunContext context, Plan plan, PrintStream progress) {
        this.context = context;
        this.plan = plan;
        this.progress = progress;
    }

    public Report run() throws InterruptedException {
        Metrics metrics = context.metrics();
        metrics.setRecording(true);
        long start = System.nanoTime();
        deadline = start + plan.maxDuration().toNanos();
        Thread reporter = Thread.ofVirtual().name("progress").start(() -> reportProgress(start));
        try {
            List<RunRef> flows = createFlows();
            if (flows.isEmpty()) {
                context.note("no flow could be created; nothing generated");
            } else {
                generateFlowRuns(flows);
                if (plan.events() > 0) {
                    if (sample.isEmpty()) {
                        generateSingleRunForEvents(flows.get(0));
                    }
                    if (sample.isEmpty()) {
                        context.note("no flow run to attach events to; events skipped");
                    } else {
                        generateEvents();
                    }
                }
            }
            if (System.nanoTime() >= deadline) {
                context.note("stopped at --max-duration " + plan.maxDuration().toSeconds() + "s before the target counts");
            }
        } finally {
            reporter.interrupt();
            reporter.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        printProgress(start);
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("flow runs/s", metrics.counter(FLOW_RUNS_CREATED) / seconds);
        rates.put("events/s", metrics.counter(EVENTS_ACCEPTED) / seconds);
        rates.put("calls/s", metrics.totalCalls() / seconds);
        return Report.from("generate", context.api().baseUrl(), context.clients(), seconds, 0, rates, metrics,
                null, context.notes());
    }

    private List<RunRef> createFlows() {
        List<RunRef> flows = new ArrayList<>();
        for (int i = 0; i < plan.flows(); i++) {
            String name = "baton-load-generated-" + i;
            ApiResponse flow = context.api().post("/flows/", Payloads.flow(name));
            if (flow.ok() && flow.text("id") != null) {
                flows.add(new RunRef(flow.text("id"), name));
            } else {
                context.note("POST /flows/ answered " + RunContext.describe(flow));
            }
        }
        return flows;
    }

    private void generateFlowRuns(List<RunRef> flows) throws InterruptedException {
        if (plan.flowRuns() <= 0) {
            return;
        }
        ApiClient api = context.api();
        List<String> deployments = new ArrayList<>();
        for (RunRef flow : flows) {
            ApiResponse deployment = api.post("/deployments/", Payloads.deployment("baton-load-generated", flow.id(), null));
            deployments.add(deployment.ok() ? deployment.text("id") : null);
        }
        boolean bulk = deployments.stream().allMatch(id -> id != null)
                && createBulk(deployments.get(0), flows.get(0), 1) >= 0;
        if (!bulk) {
            context.note("no bulk create_flow_run; creating flow runs one by one through POST /flow_runs/");
        }
        AtomicLong next = new AtomicLong(bulk ? 1 : 0);
        int step = bulk ? plan.flowRunBatch() : 1;
        runWorkers(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (System.nanoTime() < deadline) {
                long from = next.getAndAdd(step);
                if (from >= plan.flowRuns()) {
                    return;
                }
                int size = (int) Math.min(step, plan.flowRuns() - from);
                int flowIndex = random.nextInt(flows.size());
                RunRef flow = flows.get(flowIndex);
                if (bulk) {
                    createBulk(deployments.get(flowIndex), flow, size);
                } else {
                    createSingle(flow);
                }
            }
        });
    }

    /** Returns the number created, or -1 when the bulk route failed as a whole. */
    private int createBulk(String deploymentId, RunRef flow, int size) {
        ArrayNode items = Json.array();
        for (int i = 0; i < size; i++) {
            String[] state = pickState();
            items.add(Payloads.deploymentFlowRun(state[0], state[1], scheduledTime(state[0])));
        }
        ApiResponse response = context.api().post("/deployments/" + deploymentId + "/create_flow_run/bulk", items);
        if (!response.ok()) {
            return -1;
        }
        JsonNode results = response.body().isArray() ? response.body() : response.body().path("results");
        int created = 0;
        for (JsonNode result : results) {
            String id = result.hasNonNull("flow_run_id") ? result.get("flow_run_id").asText() : result.path("id").asText(null);
            if (id != null && (!result.has("status") || "CREATED".equals(result.path("status").asText()))) {
                created++;
                remember(new GeneratedRun(new RunRef(id, "generated-" + id.substring(0, 8)), flow));
            } else {
                context.metrics().increment("bulk items not created");
            }
        }
        context.metrics().increment(FLOW_RUNS_CREATED, created);
        return created;
    }

    private void createSingle(RunRef flow) {
        String[] state = pickState();
        ApiResponse response = context.api().post("/flow_runs/",
                Payloads.flowRunCreate(flow.id(), state[0], state[1], scheduledTime(state[0])));
        if (response.ok() && response.text("id") != null) {
            context.metrics().increment(FLOW_RUNS_CREATED);
            String name = response.text("name") != null ? response.text("name") : "generated";
            remember(new GeneratedRun(new RunRef(response.text("id"), name), flow));
        }
    }

    private void generateSingleRunForEvents(RunRef flow) {
        ApiResponse response = context.api().post("/flow_runs/", Payloads.flowRunCreate(flow.id(), "RUNNING", "Running", null));
        if (response.ok() && response.text("id") != null) {
            remember(new GeneratedRun(new RunRef(response.text("id"), String.valueOf(response.text("name"))), flow));
        }
    }

    private void generateEvents() throws InterruptedException {
        ApiClient api = context.api();
        int batch = Math.max(3, plan.eventBatch() / 3 * 3);
        AtomicLong next = new AtomicLong();
        runWorkers(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (System.nanoTime() < deadline) {
                long from = next.getAndAdd(batch);
                if (from >= plan.events()) {
                    return;
                }
                int size = (int) Math.min(batch, plan.events() - from);
                ArrayNode events = Json.array();
                GeneratedRun run = sampled(random);
                int task = 0;
                while (events.size() < size) {
                    if (task % 10 == 9) {
                        run = sampled(random);
                    }
                    TaskRunEvents taskRun = new TaskRunEvents(Uuid7.next(), "generated_task", task++, run.flowRun(), run.flow());
                    for (ObjectNode event : taskRun.lifecycle(Instant.now(), 1000)) {
                        if (events.size() < size) {
                            events.add(event);
                        }
                    }
                }
                if (api.post("/events", events).ok()) {
                    context.metrics().increment(EVENTS_ACCEPTED, events.size());
                }
            }
        });
    }

    private void runWorkers(Runnable work) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < context.clients(); i++) {
            workers.add(Thread.ofPlatform().daemon().name("generator-" + i).start(work));
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    /** Reservoir sample of generated runs, so events spread over all of them without keeping every id. */
    private void remember(GeneratedRun run) {
        long n = seen.incrementAndGet();
        synchronized (sample) {
            if (sample.size() < SAMPLE_SIZE) {
                sample.add(run);
            } else {
                long slot = ThreadLocalRandom.current().nextLong(n);
                if (slot < SAMPLE_SIZE) {
                    sample.set((int) slot, run);
                }
            }
        }
    }

    private GeneratedRun sampled(ThreadLocalRandom random) {
        synchronized (sample) {
            return sample.get(random.nextInt(sample.size()));
        }
    }

    private static String[] pickState() {
        int roll = ThreadLocalRandom.current().nextInt(100);
        int acc = 0;
        for (String[] state : STATE_MIX) {
            acc += Integer.parseInt(state[2]);
            if (roll < acc) {
                return state;
            }
        }
        return STATE_MIX[0];
    }

    /** Scheduled runs spread over the next week, so they do not all become due (and late) at once. */
    private static Instant scheduledTime(String stateType) {
        if (!"SCHEDULED".equals(stateType)) {
            return null;
        }
        return Instant.now().plusSeconds(ThreadLocalRandom.current().nextLong(60, 7 * 24 * 3600));
    }

    private void reportProgress(long start) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            printProgress(start);
        }
    }

    private void printProgress(long start) {
        Metrics metrics = context.metrics();
        double seconds = (System.nanoTime() - start) / 1e9;
        long runs = metrics.counter(FLOW_RUNS_CREATED);
        long events = metrics.counter(EVENTS_ACCEPTED);
        long errors = metrics.routes().values().stream().mapToLong(r -> r.errors()).sum();
        progress.printf(Locale.ROOT, "[%6.1fs] flow runs %d/%d (%.0f/s)  events %d/%d (%.0f/s)  errors %d%n",
                seconds, runs, plan.flowRuns(), runs / seconds, events, plan.events(), events / seconds, errors);
    }
}
