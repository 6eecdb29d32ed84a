package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.app.BatonServer;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.Replay;
import io.baton.testing.TestServers;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The flow-run, task-run and state exchanges of the flow recordings, replayed on a fresh server per recording. */
class RunsReplayTest {

    static final String[] RECORDINGS = {
        "flow-two-tasks.jsonl", "flow-task-retry.jsonl", "subflows.jsonl", "it-test_hello_world.jsonl",
        "it-test_hello_tasks.jsonl", "it-test_flow_retries.jsonl", "it-test_task_retries.jsonl",
        "it-test_flow_results.jsonl",
    };

    static Stream<Arguments> cases() {
        return Stream.of(DbKind.values()).flatMap(db -> Stream.of(RECORDINGS).map(r -> Arguments.of(db, r)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void replays(DbKind db, String recording) {
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            Replay replay = new Replay(new ApiClient(server))
                    .run(recording, Replay.pathStartsWith("/admin", "/csrf-token", "/flows", "/flow_runs", "/task_runs",
                            "/flow_run_states", "/task_run_states"));
            assertThat(replay.replayed()).isPositive();
            assertThat(replay.mismatches()).isEmpty();
        }
    }
}
