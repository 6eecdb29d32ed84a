package io.baton.events;

import static io.baton.events.TestEvents.event;
import static io.baton.events.TestEvents.withRelated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.BatonServer;
import io.baton.json.Json;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import io.baton.testing.TestSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DbKind.class)
class EventsInSocketTest {

    @Parameter
    DbKind db;

    BatonServer server;
    ApiClient api;
    String resource;

    @BeforeEach
    void setUp() {
        server = TestServers.shared(db);
        api = new ApiClient(server);
        resource = "test.resource." + UUID.randomUUID();
    }

    private long stored(String eventId) {
        return api.post("/events/filter", Map.of("filter", Map.of("id", Map.of("id", List.of(eventId)))))
                .expect(200).body().get("total").asLong();
    }

    private JsonNode byResource() {
        return api.post("/events/filter", Map.of("filter", Map.of("resource", Map.of("id", List.of(resource)))))
                .expect(200).body();
    }

    @Test
    void handshakeAcceptsThePrefectSubprotocolAndEventsAreDurableAtThePong() {
        try (TestSocket socket = TestSocket.open(server, "/events/in")) {
            assertThat(socket.subprotocol()).isEqualTo("prefect");
            socket.send("{\"type\":\"auth\",\"token\":null}");
            assertThat(socket.next().get("type").asText()).isEqualTo("auth_success");
            ObjectNode e = event("test.event.one", resource, Instant.now());
            socket.send(e);
            socket.pingAndAwaitPong();
            // The pong confirmed delivery: the event is already committed.
            assertThat(stored(e.get("id").asText())).isEqualTo(1);
            JsonNode page = byResource();
            JsonNode got = page.get("events").get(0);
            assertThat(got.get("event").asText()).isEqualTo("test.event.one");
            assertThat(got.get("received").asText()).isNotEmpty();
            assertThat(got.get("follows").isNull()).isTrue();
        }
    }

    @Test
    void duplicateIdsAreStoredOnce() {
        ObjectNode e = event("test.event.dup", resource, Instant.now());
        try (TestSocket socket = TestSocket.authenticated(server, "/events/in")) {
            socket.send(e);
            socket.send(e);
            socket.pingAndAwaitPong();
        }
        // A client that reconnects resends what it had not seen confirmed.
        try (TestSocket socket = TestSocket.authenticated(server, "/events/in")) {
            socket.send(e);
            socket.pingAndAwaitPong();
        }
        assertThat(byResource().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void malformedEventsAreDroppedWithoutClosingTheStream() {
        try (TestSocket socket = TestSocket.authenticated(server, "/events/in")) {
            socket.send("this is not json");
            socket.send("[1,2]");
            ObjectNode noResourceId = event("test.bad", resource, Instant.now());
            ((ObjectNode) noResourceId.get("resource")).put("prefect.resource.id", "");
            socket.send(noResourceId);
            socket.send(withRelated(event("test.bad", resource, Instant.now()), "x", "")
                    .put("id", UUID.randomUUID().toString()));
            ObjectNode tooMany = event("test.bad", resource, Instant.now());
            for (int i = 0; i < 101; i++) {
                withRelated(tooMany, "r" + i, "role");
            }
            socket.send(tooMany);
            socket.send(event("test.bad", resource, Instant.now()).put("id", "not-a-uuid"));
            ObjectNode huge = event("test.bad", resource, Instant.now());
            huge.set("payload", Json.object().put("blob", "x".repeat(1_600_000)));
            socket.send(huge);
            // PostgreSQL cannot store NUL: refused at receipt on both databases, never acknowledged then lost.
            ObjectNode withNul = event("test.bad", resource, Instant.now());
            withNul.set("payload", Json.object().put("text", "a\u0000b"));
            socket.send(withNul);
            ObjectNode good = event("test.good", resource, Instant.now());
            socket.send(good);
            socket.pingAndAwaitPong();
            assertThat(socket.isClosed()).isFalse();
            JsonNode page = byResource();
            assertThat(page.get("total").asLong()).isEqualTo(1);
            assertThat(page.get("events").get(0).get("id").asText()).isEqualTo(good.get("id").asText());
        }
    }

    @Test
    void clientsWithoutTheSubprotocolNeedNoHandshakeWhenAuthIsOff() {
        try (TestSocket socket = TestSocket.openWithoutSubprotocol(server, "/events/in")) {
            ObjectNode e = event("test.event.plain", resource, Instant.now());
            socket.send(e);
            socket.pingAndAwaitPong();
            assertThat(stored(e.get("id").asText())).isEqualTo(1);
        }
    }

    @Test
    void httpIngestionStoresEventsAndAnswers204() {
        ArrayNode batch = Json.array();
        batch.add(event("test.http.a", resource, Instant.now()));
        batch.add(event("test.http.b", resource, Instant.now()));
        batch.add(batch.get(0));
        var r = api.post("/events", batch).expect(204);
        assertThat(r.raw()).isEmpty();
        assertThat(byResource().get("total").asLong()).isEqualTo(2);
    }

    @Test
    void wrongTokensAndMissingHandshakesAreRefusedWhenAuthIsOn() {
        try (BatonServer secured = TestServers.fresh(db, s -> s.withAuthString("admin:secret"))) {
            try (TestSocket socket = TestSocket.open(secured, "/events/in")) {
                socket.send("{\"type\":\"auth\",\"token\":\"wrong\"}");
                assertThat(socket.awaitClose()).isEqualTo(1008);
            }
            try (TestSocket socket = TestSocket.openWithoutSubprotocol(secured, "/events/in")) {
                assertThat(socket.awaitClose()).isEqualTo(1008);
            }
            try (TestSocket socket = TestSocket.open(secured, "/events/in")) {
                socket.send("{\"type\":\"auth\",\"token\":\"admin:secret\"}");
                assertThat(socket.next().get("type").asText()).isEqualTo("auth_success");
            }
        }
    }
}
