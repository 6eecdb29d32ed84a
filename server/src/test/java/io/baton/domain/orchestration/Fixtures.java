package io.baton.domain.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.domain.Ids;
import io.baton.domain.run.FlowRun;
import io.baton.domain.run.FlowRunPolicy;
import io.baton.domain.run.Run;
import io.baton.domain.run.RunBookkeeping;
import io.baton.domain.run.TaskRun;
import io.baton.domain.run.TaskRunPolicy;
import io.baton.domain.state.State;
import io.baton.domain.state.StateCreate;
import io.baton.domain.state.StateDetails;
import io.baton.domain.state.StateType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Builders shared by the orchestration tests. */
public final class Fixtures {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final ClientInfo CLIENT_383 = ClientInfo.fromHeaders("prefect/3.8.3 (API 0.8.4)", "0.8.4");

    private Fixtures() {}

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static JsonNode persistedResult() {
        return json("{\"storage_key\":\"k\",\"serializer\":{\"type\":\"pickle\"}}");
    }

    public static JsonNode unpersisted() {
        return json("{\"type\":\"unpersisted\"}");
    }

    public static FlowRun flowRun() {
        return new FlowRun(Ids.uuid7(), UUID.randomUUID(), null, null, null, FlowRunPolicy.DEFAULT,
                RunBookkeeping.EMPTY);
    }

    public static TaskRun taskRun(UUID flowRunId, String... tags) {
        return TaskRun.of(Ids.uuid7(), flowRunId, "task-key", List.of(tags), TaskRunPolicy.DEFAULT);
    }

    public static State state(StateType type, Instant at) {
        return State.create(type, null, at, null, null, null);
    }

    public static State state(StateType type, String name, Instant at) {
        return State.create(type, name, at, null, null, null);
    }

    public static State state(StateType type, Instant at, StateDetails details) {
        return State.create(type, null, at, null, null, details);
    }

    /** Puts the run's bookkeeping columns in line with {@code current}, as storage would have. */
    @SuppressWarnings("unchecked")
    public static <R extends Run> R at(R run, State current) {
        return (R) run.withBookkeeping(run.bookkeeping().withState(current));
    }

    public static StateCreate propose(StateType type) {
        return StateCreate.of(type);
    }

    public static StateCreate propose(StateType type, String name) {
        return StateCreate.of(type, name);
    }

    @SafeVarargs
    public static <R extends Run> Policy<R> only(Supplier<? extends OrchestrationRule<R>>... rules) {
        return new Policy<>("test", List.of(rules));
    }
}
