package io.baton.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.FilterParser;
import io.baton.domain.filter.Query;
import io.baton.domain.orchestration.ClientInfo;
import io.baton.domain.orchestration.SetStateStatus;
import io.baton.domain.run.FlowRunPolicy;
import io.baton.domain.run.FlowRunRecord;
import io.baton.domain.run.NewFlowRun;
import io.baton.domain.run.NewTaskRun;
import io.baton.domain.state.StateCreate;
import io.baton.domain.state.StateType;
import io.baton.json.Json;
import io.baton.storage.jdbc.JdbcFlowRunStore;
import io.baton.storage.jdbc.JdbcFlowStore;
import io.baton.storage.jdbc.JdbcTaskRunStore;
import io.baton.storage.jdbc.filter.FilterTargets;
import io.baton.storage.jdbc.orchestration.SlotPorts;
import io.baton.testing.DbKind;
import io.baton.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The flow-run and task-run stores' contract, run on every database. */
@ParameterizedClass
@EnumSource(DbKind.class)
class RunStoreContractTest {

    @Parameter
    DbKind kind;

    Database db;
    FlowRunStore flowRuns;
    TaskRunStore taskRuns;
    List<JsonNode> published;
    UUID flowId;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.fresh(kind));
        db.migrate();
        published = new ArrayList<>();
        RunEffectSinks sinks = RunEffectSinks.NONE.withEvents(published::addAll);
        flowRuns = new JdbcFlowRunStore(db, SlotPorts.NONE, sinks);
        taskRuns = new JdbcTaskRunStore(db, SlotPorts.NONE, sinks);
        flowId = new JdbcFlowStore(db).createOrGet("f", List.of("flow-tag"), Json.object()).value().id();
    }

    @AfterEach
    void close() {
        db.close();
    }

    NewFlowRun run(String key, StateCreate state) {
        return new NewFlowRun(flowId, null, state, null, null, null, null, null, FlowRunPolicy.DEFAULT,
                List.of("run-tag"), null, key, null, null, null, null);
    }

    @Test
    void createAppliesTheInitialStateOnceAndIsIdempotentOnTheKey() {
        var first = flowRuns.create(run("k", null), ClientInfo.UNKNOWN);
        var second = flowRuns.create(run("k", StateCreate.of(StateType.SCHEDULED)), ClientInfo.UNKNOWN);
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.value().id()).isEqualTo(first.value().id());
        assertThat(flowRuns.states(first.value().id())).extracting(s -> s.type()).containsExactly(StateType.PENDING);
        // Runs without a key never collide.
        assertThat(flowRuns.create(run(null, null), ClientInfo.UNKNOWN).created()).isTrue();
        assertThat(flowRuns.create(run(null, null), ClientInfo.UNKNOWN).created()).isTrue();
    }

    @Test
    void transitionsPublishFlowRunEventsAfterCommit() {
        FlowRunRecord created = flowRuns.create(run(null, null), ClientInfo.UNKNOWN).value();
        var t = flowRuns.setState(created.id(), StateCreate.of(StateType.RUNNING), false, ClientInfo.UNKNOWN).orElseThrow();
        assertThat(t.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(t.stateWritten()).isTrue();
        JsonNode event = published.getLast();
        assertThat(event.get("event").asText()).isEqualTo("prefect.flow-run.Running");
        assertThat(event.get("id").asText()).isEqualTo(t.result().state().id().toString());
        assertThat(event.get("resource").get("prefect.resource.id").asText()).isEqualTo("prefect.flow-run." + created.id());
        assertThat(event.get("resource").get("prefect.run-count").asText()).isEqualTo("1");
        assertThat(event.get("payload").get("intended").get("from").asText()).isEqualTo("PENDING");
        assertThat(event.get("payload").get("validated_state").get("type").asText()).isEqualTo("RUNNING");
        assertThat(event.get("follows").asText()).isEqualTo(created.state().id().toString());
        List<String> related = new ArrayList<>();
        event.get("related").forEach(r -> related.add(r.get("prefect.resource.role").asText() + ":" + r.get("prefect.resource.id").asText()));
        assertThat(related).contains("flow:prefect.flow." + flowId, "tag:prefect.tag.run-tag", "tag:prefect.tag.flow-tag");
    }

    @Test
    void transitionEventsNameTheRunsQueueAndPool() {
        var pool = new io.baton.storage.jdbc.JdbcWorkPoolStore(db).create("events-pool", null, "process", Json.object(),
                false, null, null);
        NewFlowRun pooled = new NewFlowRun(flowId, "pooled-run", null, null, null, null, null, null, null,
                List.of("run-tag"), null, null, "events-pool", null, null, null);
        FlowRunRecord created = flowRuns.create(pooled, ClientInfo.UNKNOWN).value();
        JsonNode onCreate = published.getLast();
        flowRuns.setState(created.id(), StateCreate.of(StateType.RUNNING), false, ClientInfo.UNKNOWN).orElseThrow();
        JsonNode onTransition = published.getLast();
        // The transition reads the related resources with the run; creation looks them up: the same names.
        assertThat(onTransition.get("related")).isEqualTo(onCreate.get("related"));
        assertThat(onTransition.get("resource").get("prefect.resource.name").asText()).isEqualTo("pooled-run");
        List<String> related = new ArrayList<>();
        onTransition.get("related").forEach(r -> related.add(r.get("prefect.resource.role").asText() + ":"
                + r.get("prefect.resource.id").asText() + ":" + r.path("prefect.resource.name").asText()));
        assertThat(related).contains("flow:prefect.flow." + flowId + ":f",
                "work-queue:prefect.work-queue." + created.workQueueId() + ":default",
                "work-pool:prefect.work-pool." + pool.id() + ":events-pool", "tag:prefect.tag.run-tag:");
        onTransition.get("related").forEach(r -> {
            if (r.get("prefect.resource.role").asText().equals("work-pool")) {
                assertThat(r.get("prefect.work-pool.type").asText()).isEqualTo("process");
            }
        });
    }

    @Test
    void statesOfOneRunNeverShareATimestamp() {
        // A stopped clock proposes the same timestamp every time: each state moves one microsecond past the last.
        java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
        FlowRunStore frozen = new JdbcFlowRunStore(db, SlotPorts.NONE, RunEffectSinks.NONE,
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        FlowRunRecord created = frozen.create(run(null, null), ClientInfo.UNKNOWN).value();
        frozen.setState(created.id(), StateCreate.of(StateType.RUNNING), false, ClientInfo.UNKNOWN).orElseThrow();
        frozen.setState(created.id(), StateCreate.of(StateType.COMPLETED), false, ClientInfo.UNKNOWN).orElseThrow();
        assertThat(frozen.states(created.id())).extracting(s -> s.timestamp())
                .containsExactly(now, now.plusNanos(1_000), now.plusNanos(2_000));
    }

    @Test
    void unknownRunsAreEmpty() {
        assertThat(flowRuns.setState(UUID.randomUUID(), StateCreate.of(StateType.RUNNING), false, ClientInfo.UNKNOWN)).isEmpty();
        assertThat(taskRuns.setState(UUID.randomUUID(), StateCreate.of(StateType.RUNNING), false, ClientInfo.UNKNOWN)).isEmpty();
        assertThat(flowRuns.read(UUID.randomUUID())).isEmpty();
        assertThat(flowRuns.mergeLabels(UUID.randomUUID(), Json.object())).isFalse();
    }

    @Test
    void missingWorkPoolIsRefusedWithoutWritingTheRun() {
        NewFlowRun pooled = new NewFlowRun(flowId, null, null, null, null, null, null, null, null, List.of(), null, null,
                "missing-pool", null, null, null);
        assertThatThrownBy(() -> flowRuns.create(pooled, ClientInfo.UNKNOWN)).isInstanceOf(RejectedRequestException.class);
        assertThat(flowRuns.count(Criterion.EVERYTHING)).isZero();
    }

    @Test
    void taskRunsAreUniqueOnTheirNaturalKeyAndFilterByFlowRun() {
        UUID flowRunId = flowRuns.create(run(null, null), ClientInfo.UNKNOWN).value().id();
        NewTaskRun task = new NewTaskRun(null, null, "t", flowRunId, "key", "0", null, null, null, null,
                List.of("a"), null, null);
        var first = taskRuns.create(task, ClientInfo.UNKNOWN);
        var second = taskRuns.create(task, ClientInfo.UNKNOWN);
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.value().id()).isEqualTo(first.value().id());
        assertThat(first.value().state().type()).isEqualTo(StateType.PENDING);
        Criterion byFlowRun = FilterParser.parseBody(Json.read("{\"flow_runs\": {\"id\": {\"any_\": [\"" + flowRunId + "\"]}}}"),
                FilterTargets.TASK_RUN, FilterTargets.BODY_KEYS);
        assertThat(taskRuns.filter(Query.all(byFlowRun))).hasSize(1);
        assertThat(taskRuns.count(byFlowRun)).isEqualTo(1);
        assertThat(flowRuns.delete(flowRunId)).isTrue();
        assertThat(taskRuns.read(first.value().id())).isEmpty();
    }
}
