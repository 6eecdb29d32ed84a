package io.baton.domain.state;

import io.baton.domain.Ids;
import io.baton.domain.orchestration.ClientInfo;
import io.baton.domain.orchestration.PrefectVersion;
import io.baton.domain.orchestration.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StateModelTest {
    private static final Instant NOW = Instant.parse("2026-11-21T06:00:00Z");

    @ParameterizedTest
    @CsvSource({"SCHEDULED,Scheduled", "PENDING,Pending", "CANCELLING,Cancelling", "CRASHED,Crashed"})
    void defaultNames(StateType type, String name) {
        assertThat(type.defaultName()).isEqualTo(name);
        assertThat(State.fromProposal(StateCreate.of(type), NOW).name()).isEqualTo(name);
    }

    @Test
    void terminalTypes() {
        assertThat(StateType.TERMINAL).containsExactlyInAnyOrder(StateType.COMPLETED, StateType.FAILED,
                StateType.CANCELLED, StateType.CRASHED);
    }

    @Test
    void scheduledWithoutTimeIsDueNow() {
        State s = State.fromProposal(StateCreate.of(StateType.SCHEDULED), NOW);
        assertThat(s.details().scheduledTime()).isEqualTo(NOW);
        assertThat(s.timestamp()).isEqualTo(NOW);
        assertThat(s.details().deferred()).isFalse();
    }

    @Test
    void uuid7IsVersion7AndTimeOrdered() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            ids.add(Ids.uuid7());
        }
        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        });
        assertThat(ids).isSortedAccordingTo((a, b) -> a.toString().compareTo(b.toString()));
        assertThat(Ids.uuid7(NOW).getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void resultDataDecision() {
        assertThat(ResultData.decide(null).kind()).isEqualTo(ResultData.Kind.NONE);
        assertThat(ResultData.decide(Fixtures.unpersisted()).kind()).isEqualTo(ResultData.Kind.DROP_UNPERSISTED);
        ResultData stored = ResultData.decide(Fixtures.json(
                "{\"storage_key\":\"k\",\"artifact_key\":\"ak\",\"artifact_type\":\"result\",\"artifact_description\":\"d\"}"));
        assertThat(stored.needsArtifact()).isTrue();
        assertThat(stored.artifactKey()).isEqualTo("ak");
        assertThat(stored.artifactType()).isEqualTo("result");
        assertThat(stored.artifactDescription()).isEqualTo("d");
        assertThat(stored.artifactData()).isEqualTo(Fixtures.json("{\"storage_key\":\"k\"}"));
        assertThat(ResultData.isPersisted(Fixtures.persistedResult())).isTrue();
        assertThat(ResultData.isPersisted(Fixtures.unpersisted())).isFalse();
    }

    @Test
    void clientInfoFromHeaders() {
        ClientInfo info = ClientInfo.fromHeaders("prefect/3.8.3 (API 0.8.4)", "0.8.4");
        assertThat(info.clientVersion()).isEqualTo(PrefectVersion.of("3.8.3"));
        assertThat(info.apiVersion()).isEqualTo(PrefectVersion.of("0.8.4"));
        assertThat(ClientInfo.apiVersionFromUserAgent("prefect/3.8.3 (API 0.8.4)")).isEqualTo(PrefectVersion.of("0.8.4"));
        assertThat(ClientInfo.fromHeaders(null, null)).isEqualTo(ClientInfo.UNKNOWN);
        assertThat(ClientInfo.fromHeaders("python-httpx/0.28", null).clientVersion()).isNull();
        assertThat(ClientInfo.UNKNOWN.apiAtLeast084()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"3.0.0rc20,3.0.0", "3.4.10,3.4.11", "3.8.4.dev6,3.8.4", "0.8.3,0.8.4", "3.0.0a1,3.0.0b1"})
    void versionOrdering(String lower, String higher) {
        assertThat(PrefectVersion.of(lower)).isLessThan(PrefectVersion.of(higher));
    }
}
