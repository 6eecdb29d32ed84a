package io.baton.loadtool.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.loadtool.http.ApiClient;
import io.baton.loadtool.http.ApiResponse;
import io.baton.loadtool.http.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workers polling a work pool: setup creates a process pool, a deployment in it and M due SCHEDULED runs;
 * then every user calls {@code POST /work_pools/{name}/get_scheduled_flow_runs} in a loop. Polling does not
 * claim runs, so every poll sees the same backlog.
 */
public final class PollScenario implements Scenario {
    static final String POLLS_WITH_RUNS = "polls returning runs";
    static final String EMPTY_POLLS = "polls returning nothing";
    private static final int BULK_SIZE = 100;

    private final int scheduledRuns;
    private final int limit;
    private final String poolName;

    public PollScenario(int scheduledRuns, int limit, String poolName) {
        this.scheduledRuns = scheduledRuns;
        this.limit = limit;
        this.poolName = poolName != null ? poolName : "baton-load-pool-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public String name() {
        return "poll";
    }

    @Override
    public void setup(RunContext context) throws InterruptedException {
        ApiClient api = context.api();
        ApiResponse pool = api.post("/work_pools/", Payloads.processWorkPool(poolName));
        if (!pool.ok() && pool.status() != 409) {
            context.note("setup: POST /work_pools/ answered " + RunContext.describe(pool));
        }
        ApiResponse flow = api.post("/flows/", Payloads.flow("baton-load-poll"));
        if (!flow.ok() || flow.text("id") == null) {
            context.note("setup: POST /flows/ answered " + RunContext.describe(flow) + "; polling an empty pool");
            return;
        }
        ApiResponse deployment = api.post("/deployments/",
                Payloads.deployment("baton-load-poll", flow.text("id"), poolName));
        if (!deployment.ok() || deployment.text("id") == null) {
            context.note("setup: POST /deployments/ answered " + RunContext.describe(deployment)
                    + "; polling an empty pool");
            return;
        }
        int created = createScheduledRuns(context, deployment.text("id"));
        context.note("setup: pool " + poolName + " with " + created + " of " + scheduledRuns + " scheduled runs");
    }

    /** Uses the bulk route when the server has it, else one call per run; spread over the client count. */
    private int createScheduledRuns(RunContext context, String deploymentId) throws InterruptedException {
        ApiClient api = context.api();
        // Due a minute ago so that "scheduled_before = now" includes every run.
        Instant due = Instant.now().minusSeconds(60);
        AtomicLong next = new AtomicLong();
        AtomicInteger created = new AtomicInteger();
        ArrayNode probe = Json.array().add(Payloads.deploymentFlowRun("SCHEDULED", "Scheduled", due));
        boolean bulk = scheduledRuns > 0 && countCreated(api.post(
                "/deployments/" + deploymentId + "/create_flow_run/bulk", probe)) > 0;
        if (bulk) {
            created.incrementAndGet();
            next.incrementAndGet();
        } else {
            context.note("setup: no bulk create_flow_run; creating runs one by one");
        }
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < Math.max(1, context.clients()); i++) {
            workers.add(Thread.ofVirtual().start(() -> {
                while (true) {
                    long from = next.getAndAdd(bulk ? BULK_SIZE : 1);
                    if (from >= scheduledRuns) {
                        return;
                    }
                    if (bulk) {
                        int size = (int) Math.min(BULK_SIZE, scheduledRuns - from);
                        ArrayNode items = Json.array();
                        for (int k = 0; k < size; k++) {
                            items.add(Payloads.deploymentFlowRun("SCHEDULED", "Scheduled", due));
                        }
                        created.addAndGet(countCreated(
                                api.post("/deployments/" + deploymentId + "/create_flow_run/bulk", items)));
                    } else if (api.post("/deployments/" + deploymentId + "/create_flow_run",
                            Payloads.deploymentFlowRun("SCHEDULED", "Scheduled", due)).ok()) {
                        created.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return created.get();
    }

    /** Created runs in a bulk answer: {@code {"results": [{"status": "CREATED", ...}]}} or a bare list. */
    static int countCreated(ApiResponse response) {
        if (!response.ok()) {
            return 0;
        }
        var results = response.body().isArray() ? response.body() : response.body().path("results");
        int count = 0;
        for (var result : results) {
            if (!result.has("status") || "CREATED".equals(result.path("status").asText())) {
                count++;
            }
        }
        return count;
    }

    @Override
    public VirtualUser newUser(int index, RunContext context) {
        ApiClient api = context.api();
        String path = "/work_pools/" + poolName + "/get_scheduled_flow_runs";
        return () -> {
            ObjectNode body = Json.object();
            body.putArray("work_queue_names");
            body.put("scheduled_before", Payloads.PYTHON_STR.format(Instant.now()));
            body.put("limit", limit);
            ApiResponse response = api.post(path, body);
            if (!response.ok()) {
                return false;
            }
            context.metrics().increment(response.body().isArray() && !response.body().isEmpty()
                    ? POLLS_WITH_RUNS : EMPTY_POLLS);
            return true;
        };
    }

    @Override
    public Map<String, Double> throughput(RunContext context, double measuredSeconds) {
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("polls/s", context.metrics().totalCalls() / measuredSeconds);
        return rates;
    }
}
