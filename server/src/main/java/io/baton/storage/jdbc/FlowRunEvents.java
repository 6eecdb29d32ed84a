package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.DeploymentTable.DEPLOYMENT;
import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.FlowTable.FLOW;
import static io.baton.storage.jdbc.tables.WorkPoolTable.WORK_POOL;
import static io.baton.storage.jdbc.tables.WorkQueueTable.WORK_QUEUE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.event.ServerEvents;
import io.baton.domain.orchestration.SideEffect.EmitFlowRunStateEvent;
import io.baton.domain.run.FlowRun;
import io.baton.domain.state.State;
import io.baton.domain.state.StateType;
import io.baton.json.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Builds the {@code prefect.flow-run.<StateName>} event of a persisted flow-run transition: the run as the
 * resource (name, run count, state labels), its flow, deployment, work queue, work pool, parent task run, creator
 * and tags as related resources, and the intended/initial/validated states as payload.
 */
final class FlowRunEvents {

    private FlowRunEvents() {}

    static final int MAX_MESSAGE = 100_000;

    private static final List<Field<?>> RELATED_FIELDS = List.of(FLOW_RUN.NAME, FLOW_RUN.TAGS, FLOW_RUN.CREATED_BY,
            FLOW.ID, FLOW.NAME, FLOW.TAGS, DEPLOYMENT.ID, DEPLOYMENT.NAME, DEPLOYMENT.TAGS, WORK_QUEUE.ID,
            WORK_QUEUE.NAME, WORK_POOL.ID, WORK_POOL.NAME, WORK_POOL.TYPE);

    private static final HotStatement RELATED = HotStatement.select(RELATED_FIELDS, p -> DSL.select(RELATED_FIELDS)
            .from(FLOW_RUN.table())
            .join(FLOW.table()).on(FLOW.ID.eq(FLOW_RUN.FLOW_ID))
            .leftJoin(DEPLOYMENT.table()).on(DEPLOYMENT.ID.eq(FLOW_RUN.DEPLOYMENT_ID))
            .leftJoin(WORK_QUEUE.table()).on(WORK_QUEUE.ID.eq(FLOW_RUN.WORK_QUEUE_ID))
            .leftJoin(WORK_POOL.table()).on(WORK_POOL.ID.eq(WORK_QUEUE.WORK_POOL_ID))
            .where(FLOW_RUN.ID.eq(p.of(FLOW_RUN.ID))));

    /** What a flow run's state events name besides the run: read with the run, or looked up per event. */
    record Related(String runName, JsonNode runTags, JsonNode createdBy, UUID flowId, String flowName,
                   JsonNode flowTags, UUID deploymentId, String deploymentName, JsonNode deploymentTags,
                   UUID workQueueId, String workQueueName, UUID workPoolId, String workPoolName,
                   String workPoolType) {

        static Related of(Record r) {
            return r == null ? null : new Related(r.get(FLOW_RUN.NAME), r.get(FLOW_RUN.TAGS), r.get(FLOW_RUN.CREATED_BY),
                    r.get(FLOW.ID), r.get(FLOW.NAME), r.get(FLOW.TAGS), r.get(DEPLOYMENT.ID), r.get(DEPLOYMENT.NAME),
                    r.get(DEPLOYMENT.TAGS), r.get(WORK_QUEUE.ID), r.get(WORK_QUEUE.NAME), r.get(WORK_POOL.ID),
                    r.get(WORK_POOL.NAME), r.get(WORK_POOL.TYPE));
        }
    }

    static ObjectNode build(DSLContext dsl, EmitFlowRunStateEvent effect, FlowRun run) {
        return build(effect, run, Related.of(RELATED.fetchFirst(dsl, effect.flowRunId())));
    }

    /** {@code related} null: the run's flow is gone, the event names the run alone. */
    static ObjectNode build(EmitFlowRunStateEvent effect, FlowRun run, Related resources) {
        Related r = resources == null || resources.flowId() == null ? null : resources;
        State validated = effect.validated();
        ObjectNode event = Json.object();
        event.put("occurred", Json.timestamp(validated.timestamp()));
        event.put("event", effect.eventName());

        ObjectNode resource = event.putObject("resource");
        resource.put("prefect.resource.id", "prefect.flow-run." + effect.flowRunId());
        resource.put("prefect.resource.name", r == null ? null : r.runName());
        resource.put("prefect.run-count", String.valueOf(run.runCount()));
        resource.put("prefect.state-message", truncate(validated.message() == null ? "" : validated.message()));
        resource.put("prefect.state-name", validated.name() == null ? "" : validated.name());
        resource.put("prefect.state-timestamp", Json.timestamp(validated.timestamp()));
        resource.put("prefect.state-type", validated.type().name());

        ArrayNode related = event.putArray("related");
        Set<String> tags = new LinkedHashSet<>();
        if (r != null) {
            related.add(resource("prefect.flow." + r.flowId(), "flow", r.flowName()));
            if (r.deploymentId() != null) {
                related.add(resource("prefect.deployment." + r.deploymentId(), "deployment", r.deploymentName()));
            }
            if (r.workQueueId() != null) {
                related.add(resource("prefect.work-queue." + r.workQueueId(), "work-queue", r.workQueueName()));
            }
            if (r.workPoolId() != null) {
                related.add(resource("prefect.work-pool." + r.workPoolId(), "work-pool", r.workPoolName())
                        .put("prefect.work-pool.type", r.workPoolType()));
            }
            creator(r.createdBy(), related);
            tags.addAll(Rows.strings(r.runTags()));
            tags.addAll(Rows.strings(r.flowTags()));
            tags.addAll(Rows.strings(r.deploymentTags()));
        }
        if (run.parentTaskRunId() != null) {
            related.add(resource("prefect.task-run." + run.parentTaskRunId(), "task-run", null));
        }
        for (String tag : tags) {
            ObjectNode t = Json.object();
            t.put("prefect.resource.id", "prefect.tag." + tag);
            t.put("prefect.resource.role", "tag");
            related.add(t);
        }

        ObjectNode payload = event.putObject("payload");
        ObjectNode intended = payload.putObject("intended");
        putType(intended, "from", effect.intendedFrom());
        putType(intended, "to", effect.intendedTo());
        if (effect.previous() == null) {
            payload.putNull("initial_state");
        } else {
            payload.set("initial_state", state(effect.previous()));
        }
        payload.set("validated_state", state(validated));

        event.put("id", validated.id().toString());
        UUID follows = effect.follows();
        if (follows == null) {
            event.putNull("follows");
        } else {
            event.put("follows", follows.toString());
        }
        return event;
    }

    private static void creator(JsonNode createdBy, ArrayNode related) {
        if (createdBy == null || !createdBy.isObject()) {
            return;
        }
        String type = createdBy.path("type").asText("");
        String id = createdBy.path("id").asText(null);
        if (id == null || !(type.equals("DEPLOYMENT") || type.equals("AUTOMATION"))) {
            return;
        }
        related.add(resource("prefect." + type.toLowerCase() + "." + id, "creator",
                createdBy.path("display_value").asText(null)));
    }

    private static ObjectNode resource(String id, String role, String name) {
        return ServerEvents.related(id, role, name);
    }

    static ObjectNode state(State s) {
        ObjectNode o = Json.object();
        o.put("type", s.type().name());
        if (s.name() != null) {
            o.put("name", s.name());
        }
        if (s.message() != null) {
            o.put("message", truncate(s.message()));
        }
        if (s.is(StateType.PAUSED)) {
            o.put("pause_reschedule", String.valueOf(s.details().pauseReschedule()));
        }
        return o;
    }

    private static void putType(ObjectNode o, String key, StateType type) {
        if (type == null) {
            o.putNull(key);
        } else {
            o.put(key, type.name());
        }
    }

    static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE);
    }
}
