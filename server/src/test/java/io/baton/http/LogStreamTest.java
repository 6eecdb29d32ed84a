package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import io.baton.testing.TestSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /logs/out}: silent by default, live delivery of matching logs once both stream settings are on. */
@ParameterizedClass
@EnumSource(DbKind.class)
class LogStreamTest {

    private static final String PUBLISHING = "PREFECT_SERVER_LOGS_STREAM_PUBLISHING_ENABLED";
    private static final String STREAM_OUT = "PREFECT_SERVER_LOGS_STREAM_OUT_ENABLED";

    @Parameter
    DbKind db;

    private static Map<String, Object> log(String flowRun, int level, String message) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", "prefect.flow_runs");
        m.put("level", level);
        m.put("message", message);
        m.put("timestamp", "2026-11-21T05:34:32Z");
        m.put("flow_run_id", flowRun);
        m.put("task_run_id", null);
        return m;
    }

    private static String filterMessage(String flowRun) {
        return "{\"type\":\"filter\",\"filter\":{\"flow_run_id\":{\"any_\":[\"" + flowRun + "\"]},"
                + "\"level\":{\"ge_\":20}}}";
    }

    @Test
    void deliversMatchingLogsWhenStreamingIsEnabled() {
        System.setProperty(PUBLISHING, "true");
        System.setProperty(STREAM_OUT, "true");
        BatonServer server;
        try {
            server = TestServers.fresh(db, UnaryOperator.identity());
        } finally {
            System.clearProperty(PUBLISHING);
            System.clearProperty(STREAM_OUT);
        }
        try (server; TestSocket out = TestSocket.authenticated(server, "/logs/out")) {
            String flowRun = UUID.randomUUID().toString();
            out.send(filterMessage(flowRun));
            out.pingAndAwaitPong();
            new ApiClient(server).post("/logs/", List.of(log(UUID.randomUUID().toString(), 20, "other run"),
                    log(flowRun, 10, "too quiet"), log(flowRun, 20, "hello"))).expect(201);
            JsonNode message = out.next();
            assertThat(message.get("type").asText()).isEqualTo("log");
            assertThat(message.get("log").get("message").asText()).isEqualTo("hello");
            assertThat(message.get("log").get("flow_run_id").asText()).isEqualTo(flowRun);
            assertThat(message.get("log").get("id").asText()).isNotEmpty();
            assertThat(out.poll()).isNull();
        }
    }

    @Test
    void deliversNothingByDefault() {
        BatonServer server = TestServers.shared(db);
        try (TestSocket out = TestSocket.authenticated(server, "/logs/out")) {
            String flowRun = UUID.randomUUID().toString();
            out.send(filterMessage(flowRun));
            out.pingAndAwaitPong();
            new ApiClient(server).post("/logs/", List.of(log(flowRun, 20, "hello"))).expect(201);
            // The logs were stored and answered before this ping; nothing was queued for the subscriber.
            out.pingAndAwaitPong();
            assertThat(out.poll()).isNull();
            assertThat(out.isClosed()).isFalse();
        }
    }
}
