package io.baton.events;

import static io.baton.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.BatonServer;
import io.baton.app.DatabaseUrl;
import io.baton.app.Settings;
import io.baton.app.Stores;
import io.baton.http.HttpServer;
import io.baton.http.RequestGuards;
import io.baton.http.routes.EventRoutes;
import io.baton.http.validation.OpenApiContract;
import io.baton.http.ws.PrefectSocket;
import io.baton.storage.Database;
import io.baton.storage.EventStore;
import io.baton.storage.StorageUnavailableException;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestDatabases;
import io.baton.testing.TestServers;
import io.baton.testing.TestSocket;
import io.javalin.Javalin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The delivery promise of {@code /events/in}: frames are not committed one by one, but a pong confirms
 * every event sent before its ping. Checked against a store whose commits lag (a premature pong would
 * arrive while events are still uncommitted), one whose commit fails (no pong, 1011), and a server stopped
 * right after a pong.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class EventsInCheckpointTest {

    @Parameter
    DbKind db;

    private Database database;
    private EventPipeline pipeline;
    private Javalin http;

    @AfterEach
    void tearDown() {
        if (http != null) {
            http.stop();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (database != null) {
            database.close();
        }
    }

    /** Commits each batch late and remembers which event ids are committed; fails batches holding a poisoned id. */
    private static final class LaggingStore implements EventStore {
        final EventStore delegate;
        final Set<String> committed = ConcurrentHashMap.newKeySet();
        final Set<String> poisoned = ConcurrentHashMap.newKeySet();

        LaggingStore(EventStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<JsonNode> insert(List<JsonNode> events) {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (JsonNode e : events) {
                if (poisoned.contains(e.get("id").asText())) {
                    throw new StorageUnavailableException("database gone", null);
                }
            }
            List<JsonNode> inserted = delegate.insert(events);
            events.forEach(e -> committed.add(e.get("id").asText()));
            return inserted;
        }

        @Override
        public List<JsonNode> query(EventFilter filter, int limit, int offset) {
            return delegate.query(filter, limit, offset);
        }

        @Override
        public long count(EventFilter filter) {
            return delegate.count(filter);
        }

        @Override
        public List<Count> countBy(EventFilter filter, Countable countable) {
            return delegate.countBy(filter, countable);
        }

        @Override
        public List<Count> countByTime(EventFilter filter, double seconds) {
            return delegate.countByTime(filter, seconds);
        }
    }

    /** A server with only the event routes, its pipeline writing through {@code store}. */
    private int serve(LaggingStore store, Stores stores, DatabaseUrl url) {
        Settings settings = Settings.from(Map.of()).withDatabase(url).withListen("127.0.0.1", 0).withServices(false);
        RequestGuards guards = new RequestGuards(settings, stores.csrfTokens);
        pipeline = new EventPipeline(store, new EventBus()).start();
        http = HttpServer.create(settings, OpenApiContract.loadBundled(), guards,
                List.of(new EventRoutes(store, pipeline, new PrefectSocket(guards))), config -> { }).start();
        return http.port();
    }

    private LaggingStore laggingStore(DatabaseUrl url) {
        database = Database.open(url);
        database.migrate();
        return new LaggingStore(new Stores(database).events);
    }

    @Test
    void aPongFollowsTheCommitOfEveryEventSentBeforeItsPing() {
        DatabaseUrl url = TestDatabases.fresh(db);
        LaggingStore store = laggingStore(url);
        int port = serve(store, new Stores(database), url);
        String resource = "test.checkpoint." + UUID.randomUUID();
        try (TestSocket socket = TestSocket.authenticated(port, "/events/in")) {
            List<String> sent = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 40; i++) {
                    ObjectNode e = event("test.checkpoint", resource, Instant.now());
                    sent.add(e.get("id").asText());
                    socket.send(e);
                }
                socket.pingAndAwaitPong();
                assertThat(store.committed).containsAll(sent);
            }
            // A ping with nothing new before it is answered too.
            socket.pingAndAwaitPong();
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void aFailedCommitClosesTheSocketWithoutAPong() {
        DatabaseUrl url = TestDatabases.fresh(db);
        LaggingStore store = laggingStore(url);
        int port = serve(store, new Stores(database), url);
        String resource = "test.checkpoint." + UUID.randomUUID();
        try (TestSocket socket = TestSocket.authenticated(port, "/events/in")) {
            socket.send(event("test.checkpoint", resource, Instant.now()));
            ObjectNode poisoned = event("test.checkpoint", resource, Instant.now());
            store.poisoned.add(poisoned.get("id").asText());
            socket.send(poisoned);
            socket.send(event("test.checkpoint", resource, Instant.now()));
            socket.sendPing();
            assertThat(socket.awaitClose()).isEqualTo(1011);
            assertThat(socket.pongsReceived()).isZero();
        }
    }

    @Test
    void aServerStoppedRightAfterAPongHasEveryEventBeforeIt() {
        BatonServer server = TestServers.fresh(db, s -> s);
        DatabaseUrl url = server.settings().database();
        String resource = "test.checkpoint." + UUID.randomUUID();
        int sent = 1_000;
        try (TestSocket socket = TestSocket.authenticated(server, "/events/in")) {
            for (int i = 0; i < sent; i++) {
                socket.send(event("test.checkpoint", resource, Instant.now()));
            }
            socket.pingAndAwaitPong();
            server.close();
        }
        try (BatonServer restarted = TestServers.fresh(db, s -> s.withDatabase(url))) {
            JsonNode page = new ApiClient(restarted).post("/events/filter",
                    Map.of("filter", Map.of("resource", Map.of("id", List.of(resource))), "limit", 1))
                    .expect(200).body();
            assertThat(page.get("total").asLong()).isEqualTo(sent);
        }
    }
}
