package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.Replay;
import io.baton.testing.TestServers;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Recorded concurrency-limit exchanges of the Prefect CLI and SDK, replayed on a fresh server. */
class ConcurrencyReplayTest {

    @ParameterizedTest
    @EnumSource(DbKind.class)
    void cliTourGlobalAndTagLimits(DbKind db) {
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            // Steps 9-14: gcl create / ls / inspect, concurrency-limit create / inspect / ls.
            Replay replay = new Replay(new ApiClient(server))
                    .run("cli-tour.jsonl", Replay.pathStartsWith("/v2/concurrency_limits", "/concurrency_limits"));
            assertThat(replay.replayed()).isEqualTo(8);
            assertThat(replay.mismatches()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DbKind.class)
    void taggedTaskWithoutALimit(DbKind db) {
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            Replay replay = new Replay(new ApiClient(server))
                    .run("subflows.jsonl", Replay.pathStartsWith("/v2/concurrency_limits"));
            assertThat(replay.replayed()).isEqualTo(1);
            assertThat(replay.mismatches()).isEmpty();
            // The answer also conforms to the contract.
            JsonNode answer = new ApiClient(server).post("/v2/concurrency_limits/increment-with-lease",
                    ApiClient.json("{\"names\": [\"tag:db\"], \"slots\": 1, \"mode\": \"concurrency\", "
                            + "\"lease_duration\": 60, \"holder\": {\"type\": \"task_run\", "
                            + "\"id\": \"01a1fcb7-9953-7a7e-b424-5a71c44f8d14\"}}")).expect(200).body();
            assertThat(answer.get("limits")).isEmpty();
        }
    }
}
