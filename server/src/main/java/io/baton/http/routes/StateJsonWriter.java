package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.orchestration.OrchestrationResult;
import io.baton.domain.orchestration.ResponseDetails;
import io.baton.domain.orchestration.recorder.StateJson;
import io.baton.domain.run.RunHistory;
import io.baton.domain.run.RunJson;
import io.baton.domain.state.State;
import io.baton.domain.state.StateCreate;
import io.baton.domain.state.StateType;
import io.baton.json.Json;
import io.baton.storage.FlowRunStore;
import java.util.List;

/** States, proposals and orchestration results on the wire. */
public final class StateJsonWriter {

    private StateJsonWriter() {}

    static JsonNode state(State s) {
        if (s == null) {
            return Json.NODES.nullNode();
        }
        ObjectNode o = Json.object();
        o.put("id", s.id().toString());
        o.put("type", s.type().name());
        o.put("name", s.name());
        o.put("timestamp", Json.timestamp(s.timestamp()));
        if (s.message() == null) {
            o.putNull("message");
        } else {
            o.put("message", s.message());
        }
        o.set("data", s.data() == null ? Json.NODES.nullNode() : s.data());
        o.set("state_details", RunJson.stateDetails(s.details()));
        return o;
    }

    /** A validated {@code StateCreate} body. */
    public static StateCreate proposal(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode data = node.get("data");
        JsonNode name = node.get("name");
        JsonNode message = node.get("message");
        return new StateCreate(StateType.valueOf(node.get("type").asText()),
                name == null || name.isNull() ? null : name.asText(),
                message == null || message.isNull() ? null : message.asText(),
                data == null || data.isNull() ? null : data,
                StateJson.details(node.get("state_details")));
    }

    public static ObjectNode result(OrchestrationResult r) {
        ObjectNode o = Json.object();
        o.set("state", state(r.state()));
        o.put("status", r.status().name());
        o.set("details", details(r.details()));
        return o;
    }

    static ObjectNode result(FlowRunStore.Transition t) {
        return result(t.result());
    }

    private static ObjectNode details(ResponseDetails d) {
        ObjectNode o = Json.object();
        o.put("type", d.type());
        switch (d) {
            case ResponseDetails.Accept a -> { }
            case ResponseDetails.Reject r -> putReason(o, r.reason());
            case ResponseDetails.Wait w -> {
                o.put("delay_seconds", w.delaySeconds());
                putReason(o, w.reason());
            }
            case ResponseDetails.Abort a -> putReason(o, a.reason());
        }
        return o;
    }

    private static void putReason(ObjectNode o, String reason) {
        if (reason == null) {
            o.putNull("reason");
        } else {
            o.put("reason", reason);
        }
    }

    static List<ObjectNode> history(List<RunHistory.Bucket> buckets) {
        return buckets.stream().map(b -> {
            ObjectNode o = Json.object();
            o.put("interval_start", Json.timestamp(b.intervalStart()));
            o.put("interval_end", Json.timestamp(b.intervalEnd()));
            var states = o.putArray("states");
            for (RunHistory.StateCount s : b.states()) {
                ObjectNode e = states.addObject();
                e.put("state_type", s.stateType());
                e.put("state_name", s.stateName());
                e.put("count_runs", s.countRuns());
                e.put("sum_estimated_run_time", Json.seconds(s.sumEstimatedRunTime()));
                e.put("sum_estimated_lateness", Json.seconds(s.sumEstimatedLateness()));
            }
            return o;
        }).toList();
    }
}
