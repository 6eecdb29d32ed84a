package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Times;
import io.baton.domain.run.RunBookkeeping;
import io.baton.domain.run.RunEstimates;
import io.baton.domain.run.TaskRunRecord;
import io.baton.domain.view.FlowRunGraph;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Filters;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.RunViewStore;
import io.baton.storage.jdbc.filter.FilterTargets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** {@code /flow_runs/{id}/graph} (task dependencies), {@code graph-v2} (the UI timeline) and {@code lateness}. */
public final class FlowRunGraphRoutes implements RouteModule {

    /** Limits of the timeline graph. */
    public record GraphSettings(int maxNodes, int maxArtifacts) {

        public static GraphSettings fromEnvironment() {
            return from(System.getenv());
        }

        static GraphSettings from(Map<String, String> env) {
            return new GraphSettings(positive(env, "PREFECT_SERVER_FLOW_RUN_GRAPH_MAX_NODES", 10_000),
                    positive(env, "PREFECT_SERVER_FLOW_RUN_GRAPH_MAX_ARTIFACTS", 10_000));
        }

        private static int positive(Map<String, String> env, String name, int fallback) {
            try {
                int v = Integer.parseInt(env.getOrDefault(name, "").trim());
                return v > 0 ? v : fallback;
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }

    private final RunViewStore views;
    private final GraphSettings settings;

    public FlowRunGraphRoutes(RunViewStore views, GraphSettings settings) {
        this.views = views;
        this.settings = settings;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/flow_runs/lateness", call -> views.averageLateness(
                Filters.criterion(call.body(), FilterTargets.FLOW_RUN), now()).orElse(null));
        r.get("/flow_runs/{id}/graph", call -> {
            UUID id = call.uuid("id");
            if (views.flowRunName(id).isEmpty()) {
                throw FlowRunRoutes.missing(id);
            }
            Instant now = now();
            ArrayNode out = Json.NODES.arrayNode();
            for (TaskRunRecord t : views.taskRunsOf(id, settings.maxNodes())) {
                out.add(dependency(t, now));
            }
            return out;
        });
        r.get("/flow_runs/{id}/graph-v2", call -> {
            JsonNode sinceParam = call.query() == null ? null : call.query().get("since");
            Instant since = sinceParam != null && sinceParam.isTextual() ? Times.parse(sinceParam.asText()) : null;
            try {
                return views.graph(call.uuid("id"), since, settings.maxNodes(), settings.maxArtifacts())
                        .map(FlowRunGraphRoutes::graph).orElseGet(() -> graph(FlowRunGraph.Graph.empty()));
            } catch (FlowRunGraph.TooLargeException e) {
                throw ApiException.detail(400, e.getMessage());
            }
        });
    }

    private static ObjectNode dependency(TaskRunRecord t, Instant now) {
        RunBookkeeping b = t.run().bookkeeping();
        ObjectNode o = Json.object();
        o.put("id", t.id().toString());
        o.put("name", t.run().name());
        ArrayNode upstream = o.putArray("upstream_dependencies");
        JsonNode inputs = t.run().taskInputs();
        if (inputs != null && inputs.isObject()) {
            for (Map.Entry<String, JsonNode> input : inputs.properties()) {
                for (JsonNode argument : input.getValue()) {
                    if ("task_run".equals(argument.path("input_type").asText()) && argument.path("id").isTextual()) {
                        upstream.addObject().put("input_type", "task_run").put("id", argument.get("id").asText());
                    }
                }
            }
        }
        o.set("state", StateJsonWriter.state(t.state()));
        time(o, "expected_start_time", b.expectedStartTime());
        time(o, "start_time", b.startTime());
        time(o, "end_time", b.endTime());
        o.put("total_run_time", Json.seconds(b.totalRunTime()));
        o.put("estimated_run_time", Json.seconds(RunEstimates.estimatedRunTime(b, now)));
        o.put("untrackable_result", t.state() != null && t.state().details() != null
                && t.state().details().untrackableResult());
        return o;
    }

    private static ObjectNode graph(FlowRunGraph.Graph g) {
        ObjectNode o = Json.object();
        time(o, "start_time", g.startTime());
        time(o, "end_time", g.endTime());
        ArrayNode roots = o.putArray("root_node_ids");
        g.rootNodeIds().forEach(id -> roots.add(id.toString()));
        ArrayNode nodes = o.putArray("nodes");
        for (FlowRunGraph.Node n : g.nodes()) {
            ArrayNode pair = nodes.addArray();
            pair.add(n.id().toString());
            ObjectNode node = pair.addObject();
            node.put("kind", n.kind());
            node.put("id", n.id().toString());
            node.put("label", n.label() == null ? "" : n.label());
            node.put("state_type", n.stateType() == null ? null : n.stateType().name());
            time(node, "start_time", n.startTime());
            time(node, "end_time", n.endTime());
            edges(node.putArray("parents"), n.parents());
            edges(node.putArray("children"), n.children());
            edges(node.putArray("encapsulating"), n.encapsulating());
            ArrayNode artifacts = node.putArray("artifacts");
            n.artifacts().forEach(a -> artifacts.add(artifact(a)));
        }
        ArrayNode artifacts = o.putArray("artifacts");
        g.artifacts().forEach(a -> artifacts.add(artifact(a)));
        ArrayNode states = o.putArray("states");
        for (FlowRunGraph.GraphState s : g.states()) {
            ObjectNode state = states.addObject();
            state.put("id", s.id().toString());
            time(state, "timestamp", s.timestamp());
            state.put("type", s.type().name());
            state.put("name", s.name());
        }
        return o;
    }

    private static void edges(ArrayNode out, java.util.List<UUID> ids) {
        ids.forEach(id -> out.addObject().put("id", id.toString()));
    }

    private static ObjectNode artifact(FlowRunGraph.Artifact a) {
        ObjectNode o = Json.object();
        o.put("id", a.id().toString());
        time(o, "created", a.created());
        o.put("key", a.key());
        o.put("type", a.type());
        o.put("is_latest", a.isLatest());
        o.set("data", a.data() == null ? Json.NODES.nullNode() : a.data());
        return o;
    }

    private static void time(ObjectNode o, String key, Instant v) {
        if (v == null) {
            o.putNull(key);
        } else {
            o.put(key, Json.timestamp(v));
        }
    }

    private static Instant now() {
        return Times.CLOCK.instant();
    }
}
