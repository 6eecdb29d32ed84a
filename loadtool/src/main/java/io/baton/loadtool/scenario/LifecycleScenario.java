package io.baton.loadtool.scenario;

import io.baton.loadtool.http.ApiClient;
import io.baton.loadtool.http.ApiResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The REST part of a local flow run, as the Prefect client drives it: create the flow (once per user),
 * create a PENDING flow run, then set RUNNING and COMPLETED.
 */
public final class LifecycleScenario implements Scenario {
    public static final String RUNS_COMPLETED = "runs completed";
    private final String flowName;

    public LifecycleScenario(String flowName) {
        this.flowName = flowName;
    }

    @Override
    public String name() {
        return "lifecycle";
    }

    @Override
    public VirtualUser newUser(int index, RunContext context) {
        return new User(context);
    }

    @Override
    public Map<String, Double> throughput(RunContext context, double measuredSeconds) {
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("runs/s", context.metrics().counter(RUNS_COMPLETED) / measuredSeconds);
        rates.put("calls/s", context.metrics().totalCalls() / measuredSeconds);
        return rates;
    }

    private final class User implements VirtualUser {
        private final RunContext context;
        private final ApiClient api;
        private String flowId;

        User(RunContext context) {
            this.context = context;
            this.api = context.api();
        }

        @Override
        public boolean iterate() {
            if (flowId == null) {
                ApiResponse flow = api.post("/flows/", Payloads.flow(flowName));
                if (!flow.ok() || flow.text("id") == null) {
                    return false;
                }
                flowId = flow.text("id");
            }
            ApiResponse created = api.post("/flow_runs/", Payloads.flowRunCreate(flowId));
            String runId = created.ok() ? created.text("id") : null;
            if (runId == null) {
                return false;
            }
            if (!transition(runId, "RUNNING", "Running")) {
                return false;
            }
            if (!transition(runId, "COMPLETED", "Completed")) {
                return false;
            }
            context.metrics().increment(RUNS_COMPLETED);
            return true;
        }

        /** True when the server accepted the state; other orchestration results are counted by kind. */
        private boolean transition(String runId, String type, String name) {
            ApiResponse response = api.post("/flow_runs/" + runId + "/set_state",
                    Payloads.setFlowRunState(runId, type, name));
            if (!response.ok()) {
                return false;
            }
            String status = response.text("status");
            if (!"ACCEPT".equals(status)) {
                context.metrics().increment("set_state " + type + " answered " + status);
                return false;
            }
            return true;
        }
    }
}
