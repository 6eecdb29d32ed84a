package io.baton.loadtool.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.loadtool.http.ApiClient;
import io.baton.loadtool.http.ApiResponse;
import io.baton.loadtool.http.Json;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The reads behind the UI's runs and dashboard pages. Users cycle through the queries in turn. Core queries
 * always run (their errors are the finding); optional aggregates run only if they answered 2xx at setup.
 */
public final class ReadScenario implements Scenario {
    record Query(String label, String path, Supplier<ObjectNode> body, boolean optional) {
    }

    private final List<Query> queries = new ArrayList<>();

    private final List<String> only;

    public ReadScenario() {
        this(List.of());
    }

    /** Only the queries whose label contains one of {@code only} (all when it is empty). */
    public ReadScenario(List<String> only) {
        this.only = List.copyOf(only);
        queries.add(new Query("/flow_runs/filter", "/flow_runs/filter", () -> {
            ObjectNode body = Json.object();
            body.put("limit", 50);
            body.put("sort", "START_TIME_DESC");
            return body;
        }, false));
        queries.add(new Query("/flow_runs/filter [state COMPLETED]", "/flow_runs/filter", () -> {
            ObjectNode body = Json.object();
            stateFilter(body.putObject("flow_runs"), "COMPLETED");
            body.put("limit", 50);
            body.put("sort", "START_TIME_DESC");
            return body;
        }, false));
        queries.add(new Query("/flow_runs/count", "/flow_runs/count", Json::object, false));
        queries.add(new Query("/flow_runs/count [state FAILED|CRASHED]", "/flow_runs/count", () -> {
            ObjectNode body = Json.object();
            stateFilter(body.putObject("flow_runs"), "FAILED", "CRASHED");
            return body;
        }, false));
        queries.add(new Query("/ui/task_runs/dashboard/counts", "/ui/task_runs/dashboard/counts", () -> {
            ObjectNode body = Json.object();
            body.putObject("task_runs").putObject("start_time")
                    .put("after_", Payloads.ISO_MICROS.format(Instant.now().minus(1, ChronoUnit.DAYS)));
            return body;
        }, true));
        queries.add(new Query("/task_runs/count [dashboard]", "/task_runs/count", () -> {
            // The dashboard's task run tile, as the UI sends it.
            ObjectNode body = Json.object();
            ObjectNode taskRuns = body.putObject("task_runs");
            stateFilter(taskRuns, "COMPLETED", "FAILED", "CRASHED", "RUNNING");
            Instant now = Instant.now();
            taskRuns.putObject("start_time")
                    .put("before_", Payloads.ISO_MICROS.format(now))
                    .put("after_", Payloads.ISO_MICROS.format(now.minus(1, ChronoUnit.DAYS)));
            taskRuns.putObject("subflow_runs").put("exists_", false);
            return body;
        }, true));
        queries.add(new Query("/ui/flow_runs/history", "/ui/flow_runs/history", () -> {
            ObjectNode body = Json.object();
            Instant now = Instant.now();
            body.putObject("flow_runs").putObject("start_time")
                    .put("before_", Payloads.ISO_MICROS.format(now))
                    .put("after_", Payloads.ISO_MICROS.format(now.minus(7, ChronoUnit.DAYS)));
            body.put("sort", "START_TIME_DESC");
            body.put("limit", 100);
            body.put("offset", 0);
            return body;
        }, true));
    }

    private static void stateFilter(ObjectNode filter, String... types) {
        var any = filter.putObject("state").putObject("type").putArray("any_");
        for (String type : types) {
            any.add(type);
        }
    }

    @Override
    public String name() {
        return "read";
    }

    @Override
    public void setup(RunContext context) {
        ApiClient api = context.api();
        List<Query> answering = new ArrayList<>();
        for (Query query : queries) {
            if (!only.isEmpty() && only.stream().noneMatch(query.label()::contains)) {
                continue;
            }
            ApiResponse probe = api.post(query.path(), query.body().get(), query.label());
            if (query.optional() && !probe.ok()) {
                context.note("skipping " + query.label() + ": answered " + RunContext.describe(probe));
            } else {
                answering.add(query);
            }
        }
        queries.clear();
        queries.addAll(answering);
    }

    @Override
    public VirtualUser newUser(int index, RunContext context) {
        ApiClient api = context.api();
        return new VirtualUser() {
            private int next = index;

            @Override
            public boolean iterate() {
                Query query = queries.get(Math.floorMod(next++, queries.size()));
                return api.post(query.path(), query.body().get(), query.label()).ok();
            }
        };
    }

    @Override
    public Map<String, Double> throughput(RunContext context, double measuredSeconds) {
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("queries/s", context.metrics().totalCalls() / measuredSeconds);
        return rates;
    }
}
