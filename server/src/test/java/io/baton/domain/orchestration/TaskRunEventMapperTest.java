package io.baton.domain.orchestration;

import io.baton.domain.orchestration.recorder.TaskRunEventMapper;
import io.baton.domain.state.StateType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Uses a real {@code prefect.task-run.Completed} event recorded from the 3.8.3 client. */
class TaskRunEventMapperTest {
    static final String EVENT = """
            {"occurred":"2026-11-21T05:34:32.498536Z","event":"prefect.task-run.Completed",
             "resource":{"prefect.resource.id":"prefect.task-run.01a1fc99-602c-7242-a860-199e9c62151d",
               "prefect.resource.name":"add-98a","prefect.run-count":"1","prefect.state-message":"",
               "prefect.state-name":"Completed","prefect.state-timestamp":"2026-11-21T05:34:32.498536+00:00",
               "prefect.state-type":"COMPLETED","prefect.orchestration":"client"},
             "related":[{"prefect.resource.id":"prefect.flow-run.183e6fb4-c662-4c8c-a572-1bdab33de7e6",
               "prefect.resource.role":"flow-run","prefect.resource.name":"lumpy-sponge"},
               {"prefect.resource.id":"prefect.flow.e360bcee-0db8-479f-bda5-5f6618358f9c",
               "prefect.resource.role":"flow","prefect.resource.name":"simple-two-task-flow"}],
             "payload":{"intended":{"from":"RUNNING","to":"COMPLETED"},
               "initial_state":{"type":"RUNNING","name":"Running","message":"","state_details":{}},
               "validated_state":{"type":"COMPLETED","name":"Completed","message":"",
                 "state_details":{"untrackable_result":true},"data":null},
               "task_run":{"name":"add-98a","task_key":"add-4ecdfe25",
                 "dynamic_key":"98ad7195-2085-4162-ad7a-7d3e3f346ef8",
                 "empirical_policy":{"max_retries":0,"retry_delay_seconds":0.0,"retries":0,"retry_delay":0},
                 "tags":[],"labels":{},"task_inputs":{"x":[],"y":[]},"run_count":1,"flow_run_run_count":1,
                 "expected_start_time":"2026-11-21T05:34:32.492386Z","start_time":"2026-11-21T05:34:32.497139Z",
                 "end_time":"2026-11-21T05:34:32.498536Z","total_run_time":0.001397}},
             "id":"01a1fc99-6032-738f-8a05-bb9e3ac76163","follows":"01a1fc99-6031-752b-ab57-1580a0321083"}
            """;

    @Test
    void mapsClientTaskRunEvent() {
        var recorded = TaskRunEventMapper.fromEvent(Fixtures.json(EVENT)).orElseThrow();
        UUID taskRunId = UUID.fromString("01a1fc99-602c-7242-a860-199e9c62151d");
        UUID flowRunId = UUID.fromString("183e6fb4-c662-4c8c-a572-1bdab33de7e6");
        var state = recorded.state();
        assertThat(state.id()).isEqualTo(UUID.fromString("01a1fc99-6032-738f-8a05-bb9e3ac76163"));
        assertThat(state.type()).isEqualTo(StateType.COMPLETED);
        assertThat(state.timestamp()).isEqualTo(Instant.parse("2026-11-21T05:34:32.498536Z"));
        assertThat(state.details().untrackableResult()).isTrue();
        assertThat(state.details().taskRunId()).isEqualTo(taskRunId);
        assertThat(state.details().flowRunId()).isEqualTo(flowRunId);
        var run = recorded.taskRun();
        assertThat(run.id()).isEqualTo(taskRunId);
        assertThat(run.flowRunId()).isEqualTo(flowRunId);
        assertThat(run.taskKey()).isEqualTo("add-4ecdfe25");
        assertThat(run.dynamicKey()).isEqualTo("98ad7195-2085-4162-ad7a-7d3e3f346ef8");
        assertThat(run.empiricalPolicy().retries()).isZero();
        assertThat(run.flowRunRunCount()).isEqualTo(1);
        assertThat(run.bookkeeping().stateId()).isEqualTo(state.id());
        assertThat(run.bookkeeping().stateName()).isEqualTo("Completed");
        assertThat(run.bookkeeping().runCount()).isEqualTo(1);
        assertThat(run.bookkeeping().totalRunTime()).isEqualTo(Duration.ofNanos(1_397_000));
        assertThat(run.bookkeeping().endTime()).isEqualTo(Instant.parse("2026-11-21T05:34:32.498536Z"));
    }

    @Test
    void ignoresServerOrchestratedAndOtherEvents() {
        String server = EVENT.replace("\"prefect.orchestration\":\"client\"", "\"prefect.orchestration\":\"server\"");
        assertThat(TaskRunEventMapper.fromEvent(Fixtures.json(server))).isEmpty();
        String flow = EVENT.replace("\"event\":\"prefect.task-run.Completed\"", "\"event\":\"prefect.flow-run.Completed\"");
        assertThat(TaskRunEventMapper.fromEvent(Fixtures.json(flow))).isEmpty();
    }
}
