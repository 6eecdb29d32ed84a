package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.app.BatonServer;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.Replay;
import io.baton.testing.TestServers;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The block, variable, artifact and automation exchanges of the recordings, replayed on fresh servers. */
class BlockReplayTest {

    @ParameterizedTest
    @EnumSource(DbKind.class)
    void secretBlockSaveAndLoad(DbKind db) {
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            Replay replay = new Replay(new ApiClient(server))
                    .run("it-test_secret_block.jsonl", Replay.pathStartsWith("/block_types", "/block_schemas",
                            "/block_documents"));
            assertThat(replay.mismatches()).isEmpty();
            assertThat(replay.replayed()).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @EnumSource(DbKind.class)
    void cliTourVariablesBlocksArtifactsAutomations(DbKind db) {
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            Replay replay = new Replay(new ApiClient(server))
                    .run("cli-tour.jsonl", Replay.pathStartsWith("/variables", "/block_types", "/block_documents",
                            "/artifacts", "/automations", "/collections"));
            assertThat(replay.mismatches()).isEmpty();
            assertThat(replay.replayed()).isEqualTo(13);
        }
    }

    @ParameterizedTest
    @EnumSource(DbKind.class)
    void deployAndServeDeleteOwnedAutomations(DbKind db) {
        for (String recording : new String[] {"it-test_deploy.jsonl", "it-test_serve_a_flow.jsonl"}) {
            try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
                Replay replay = new Replay(new ApiClient(server)).run(recording, Replay.pathStartsWith("/automations"));
                assertThat(replay.mismatches()).isEmpty();
                assertThat(replay.replayed()).isEqualTo(1);
            }
        }
    }
}
