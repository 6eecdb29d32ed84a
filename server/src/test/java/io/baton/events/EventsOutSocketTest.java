package io.baton.events;

import static io.baton.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.BatonServer;
import io.baton.json.Json;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import io.baton.testing.TestSocket;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DbKind.class)
class EventsOutSocketTest {

    @Parameter
    DbKind db;

    BatonServer server;
    String ns;

    @BeforeEach
    void setUp() {
        server = TestServers.shared(db);
        ns = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A filter message like the worker's: a name prefix and a window reaching a year ahead. */
    private ObjectNode filterMessage(boolean backfill) {
        ObjectNode filter = Json.object();
        filter.set("occurred", Json.object().put("since", Json.timestamp(Instant.now().minusSeconds(3600)))
                .put("until", Json.timestamp(Instant.now().plusSeconds(365L * 86400))));
        filter.set("event", Json.object().set("prefix", Json.array().add(ns + ".")));
        filter.set("id", Json.object().set("id", Json.array()));
        filter.put("order", "DESC");
        ObjectNode message = Json.object().put("type", "filter");
        message.set("filter", filter);
        message.put("backfill", backfill);
        return message;
    }

    private void post(ObjectNode... events) {
        var batch = Json.array();
        for (ObjectNode e : events) {
            batch.add(e);
        }
        new ApiClient(server).post("/events", batch).expect(204);
    }

    @Test
    void backfillComesFirstOldestFirstThenLiveEventsFromEveryPath() {
        ObjectNode older = event(ns + ".a", "r", Instant.now().minusSeconds(60));
        ObjectNode newer = event(ns + ".b", "r", Instant.now().minusSeconds(30));
        ObjectNode tooOld = event(ns + ".old", "r", Instant.now().minusSeconds(1800));
        post(newer, older, tooOld, event("other.event", "r", Instant.now()));
        try (TestSocket out = TestSocket.authenticated(server, "/events/out")) {
            out.send(filterMessage(true));
            assertThat(out.next().get("event").get("id").asText()).isEqualTo(older.get("id").asText());
            JsonNode second = out.next();
            assertThat(second.get("type").asText()).isEqualTo("event");
            assertThat(second.get("event").get("id").asText()).isEqualTo(newer.get("id").asText());
            assertThat(second.get("event").has("received")).isTrue();

            ObjectNode viaWebsocket = event(ns + ".c", "r", Instant.now());
            try (TestSocket in = TestSocket.authenticated(server, "/events/in")) {
                in.send(event("other.event", "r", Instant.now()));
                in.send(viaWebsocket);
                in.pingAndAwaitPong();
            }
            assertThat(out.next().get("event").get("id").asText()).isEqualTo(viaWebsocket.get("id").asText());

            ObjectNode viaHttp = event(ns + ".d", "r", Instant.now());
            post(viaHttp);
            assertThat(out.next().get("event").get("id").asText()).isEqualTo(viaHttp.get("id").asText());

            ObjectNode serverEmitted = event(ns + ".e", "r", Instant.now());
            server.events().publish(List.of(serverEmitted));
            assertThat(out.next().get("event").get("id").asText()).isEqualTo(serverEmitted.get("id").asText());
            // A resent duplicate is not delivered twice.
            post(viaHttp);
            ObjectNode last = event(ns + ".f", "r", Instant.now());
            post(last);
            assertThat(out.next().get("event").get("id").asText()).isEqualTo(last.get("id").asText());
        }
    }

    @Test
    void withoutBackfillOnlyNewEventsArrive() {
        post(event(ns + ".before", "r", Instant.now().minusSeconds(5)));
        try (TestSocket out = TestSocket.authenticated(server, "/events/out")) {
            out.send(filterMessage(false));
            out.pingAndAwaitPong();
            ObjectNode live = event(ns + ".live", "r", Instant.now());
            post(live);
            assertThat(out.next().get("event").get("event").asText()).isEqualTo(ns + ".live");
        }
    }
}
