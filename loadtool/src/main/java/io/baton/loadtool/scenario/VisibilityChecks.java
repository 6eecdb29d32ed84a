package io.baton.loadtool.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.loadtool.http.ApiClient;
import io.baton.loadtool.http.ApiResponse;
import io.baton.loadtool.http.Json;
import io.baton.loadtool.metrics.Metrics;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Polls {@code POST /task_runs/filter} until every task run of a flow run is visible in its final state, and
 * records the time from the last event sent to that moment. Checks run on their own virtual threads so event
 * streaming keeps its pace; a bounded number run at once, which throttles the senders if the server lags.
 */
final class VisibilityChecks {
    static final String VISIBILITY = "task runs visible after last event";
    static final String NOT_VISIBLE = "task runs not visible in time";
    static final String CHECKED = "flow runs checked for visibility";
    private static final int PAGE = 200;

    enum Lookup { FLOW_RUN, TASK_RUN }

    record Check(String flowRunId, List<String> taskRunIds, long lastEventNanos, boolean measured) {
    }

    private final ApiClient api;
    private final Metrics metrics;
    private final Lookup lookup;
    private final Duration timeout;
    private final Duration pollInterval;
    private final Semaphore permits;
    private final AtomicInteger running = new AtomicInteger();

    VisibilityChecks(ApiClient api, Lookup lookup, Duration timeout, Duration pollInterval, int maxConcurrent) {
        this.api = api;
        this.metrics = api.metrics();
        this.lookup = lookup;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
        this.permits = new Semaphore(maxConcurrent);
    }

    void submit(Check check) throws InterruptedException {
        permits.acquire();
        running.incrementAndGet();
        Thread.ofVirtual().name("visibility-" + check.flowRunId()).start(() -> {
            try {
                run(check);
            } finally {
                running.decrementAndGet();
                permits.release();
            }
        });
    }

    /** Waits until all submitted checks finished; each ends by itself within the visibility timeout. */
    void awaitAll() throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos() + Duration.ofSeconds(35).toNanos();
        while (running.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private void run(Check check) {
        long deadline = check.lastEventNanos() + timeout.toNanos();
        Set<String> expected = Set.copyOf(check.taskRunIds());
        int visible = 0;
        while (true) {
            visible = countFinished(check, expected);
            long now = System.nanoTime();
            if (visible >= expected.size()) {
                if (check.measured()) {
                    metrics.recordValue(VISIBILITY, now - check.lastEventNanos());
                    metrics.incrementAlways(CHECKED, 1);
                }
                return;
            }
            if (now >= deadline) {
                break;
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (check.measured()) {
            metrics.incrementAlways(CHECKED, 1);
            metrics.incrementAlways(NOT_VISIBLE, expected.size() - visible);
        }
    }

    /** How many of the expected task runs the server returns in state COMPLETED. */
    private int countFinished(Check check, Set<String> expected) {
        Set<String> finished = new HashSet<>();
        if (lookup == Lookup.FLOW_RUN) {
            for (int offset = 0; ; offset += PAGE) {
                ObjectNode body = Json.object();
                body.putObject("flow_runs").putObject("id").putArray("any_").add(check.flowRunId());
                body.put("sort", "ID_DESC");
                body.put("limit", PAGE);
                body.put("offset", offset);
                int returned = collect(api.post("/task_runs/filter", body), expected, finished);
                if (returned < PAGE) {
                    break;
                }
            }
        } else {
            List<String> ids = check.taskRunIds();
            for (int from = 0; from < ids.size(); from += PAGE) {
                ObjectNode body = Json.object();
                var any = body.putObject("task_runs").putObject("id").putArray("any_");
                ids.subList(from, Math.min(ids.size(), from + PAGE)).forEach(any::add);
                body.put("limit", PAGE);
                collect(api.post("/task_runs/filter", body), expected, finished);
            }
        }
        return finished.size();
    }

    /** Adds the finished expected ids of one page; returns the page size, or -1 on a failed call. */
    static int collect(ApiResponse response, Set<String> expected, Set<String> finished) {
        if (!response.ok() || !response.body().isArray()) {
            return -1;
        }
        for (JsonNode taskRun : response.body()) {
            String id = taskRun.path("id").asText();
            String type = taskRun.path("state_type").asText(taskRun.path("state").path("type").asText());
            if (expected.contains(id) && "COMPLETED".equals(type)) {
                finished.add(id);
            }
        }
        return response.body().size();
    }
}
