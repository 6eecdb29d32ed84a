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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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
class EventFilterApiTest {

    @Parameter
    DbKind db;

    BatonServer server;
    ApiClient api;
    String ns;
    Instant base;

    @BeforeEach
    void setUp() {
        server = TestServers.shared(db);
        api = new ApiClient(server);
        ns = "t" + UUID.randomUUID().toString().substring(0, 8);
        base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
    }

    private ObjectNode ev(String name, String resource, int secondsAfterBase) {
        return event(ns + "." + name, ns + "." + resource, base.plusSeconds(secondsAfterBase));
    }

    private void store(ObjectNode... events) {
        ArrayNode batch = Json.array();
        for (ObjectNode e : events) {
            batch.add(e);
        }
        api.post("/events", batch).expect(204);
    }

    private List<String> names(Map<String, Object> filter) {
        Map<String, Object> f = new HashMap<>(filter);
        f.putIfAbsent("any_resource", Map.of("id_prefix", List.of(ns + ".")));
        List<String> out = new ArrayList<>();
        api.post("/events/filter", Map.of("filter", f)).expect(200).body().get("events")
                .forEach(e -> out.add(e.get("event").asText().substring(ns.length() + 1)));
        return out;
    }

    @Test
    void namesPrefixesIdsAndOrder() {
        ObjectNode a = ev("flow-run.Running", "r1", 1);
        store(a, ev("flow-run.Completed", "r1", 2), ev("worker.started", "r2", 3));
        assertThat(names(Map.of())).containsExactly("worker.started", "flow-run.Completed", "flow-run.Running");
        assertThat(names(Map.of("order", "ASC"))).containsExactly("flow-run.Running", "flow-run.Completed", "worker.started");
        assertThat(names(Map.of("event", Map.of("prefix", List.of(ns + ".flow-run.")))))
                .containsExactly("flow-run.Completed", "flow-run.Running");
        assertThat(names(Map.of("event", Map.of("exclude_prefix", List.of(ns + ".flow-run.")))))
                .containsExactly("worker.started");
        assertThat(names(Map.of("event", Map.of("name", List.of(ns + ".flow-run.Running")))))
                .containsExactly("flow-run.Running");
        assertThat(names(Map.of("event", Map.of("exclude_name", List.of(ns + ".flow-run.Running"))))).hasSize(2);
        assertThat(names(Map.of("id", Map.of("id", List.of(a.get("id").asText()))))).containsExactly("flow-run.Running");
        assertThat(names(Map.of("id", Map.of("id", List.of())))).hasSize(3);
        assertThat(names(Map.of("occurred", Map.of("since", Json.timestamp(base.plusSeconds(2)),
                "until", Json.timestamp(base.plusSeconds(2)))))).containsExactly("flow-run.Completed");
    }

    @Test
    void resourceLabelsRelatedAndAnyResource() {
        ObjectNode tagged = ev("a", "r1", 1);
        ((ObjectNode) tagged.get("resource")).put("prefect.state-type", "COMPLETED");
        withRelated(tagged, ns + ".flow.f1", "flow");
        withRelated(tagged, "prefect.tag.db", "tag");
        ObjectNode other = ev("b", "r2", 2);
        ((ObjectNode) other.get("resource")).put("prefect.state-type", "FAILED");
        withRelated(other, ns + ".flow.f2", "flow");
        store(tagged, other);

        assertThat(names(Map.of("resource", Map.of("id", List.of(ns + ".r1"))))).containsExactly("a");
        assertThat(names(Map.of("resource", Map.of("id_prefix", List.of(ns + ".r"))))).hasSize(2);
        assertThat(names(Map.of("resource", Map.of("labels", Map.of("prefect.state-type", "COMPLETED")))))
                .containsExactly("a");
        assertThat(names(Map.of("resource", Map.of("labels", Map.of("prefect.state-type", "!COMPLETED")))))
                .containsExactly("b");
        assertThat(names(Map.of("resource", Map.of("labels", Map.of("prefect.state-type", List.of("COMP*", "FAIL*"))))))
                .hasSize(2);
        assertThat(names(Map.of("resource", Map.of("labels", Map.of("prefect.resource.id", ns + ".r*")))))
                .hasSize(2);
        assertThat(names(Map.of("related", Map.of("role", List.of("tag"))))).containsExactly("a");
        assertThat(names(Map.of("related", Map.of("id", List.of(ns + ".flow.f2"))))).containsExactly("b");
        assertThat(names(Map.of("related", Map.of("resources_in_roles", List.of(List.of(ns + ".flow.f1", "flow"))))))
                .containsExactly("a");
        assertThat(names(Map.of("related", Map.of("labels", Map.of("prefect.resource.id", ns + ".flow.*")))))
                .hasSize(2);
        assertThat(names(Map.of("related", List.of(Map.of("role", List.of("flow")), Map.of("role", List.of("tag"))))))
                .containsExactly("a");
        // The primary resource is not a related one, but it is one of "any" resource.
        assertThat(names(Map.of("related", Map.of("id", List.of(ns + ".r1"))))).isEmpty();
        assertThat(names(Map.of("any_resource", Map.of("id", List.of(ns + ".r1", ns + ".flow.f2"))))).hasSize(2);
        assertThat(names(Map.of("text", Map.of("query", "prefect.tag.db")))).containsExactly("a");
        assertThat(names(Map.of("text", Map.of("query", "-FAILED")))).containsExactly("a");
    }

    @Test
    void pagesFollowNextPageLinksAndBadTokensAre403() {
        ObjectNode[] events = new ObjectNode[7];
        for (int i = 0; i < events.length; i++) {
            events[i] = ev("paged", "r", i);
        }
        store(events);
        Map<String, Object> filter = Map.of("any_resource", Map.of("id", List.of(ns + ".r")), "order", "ASC");
        JsonNode page = api.post("/events/filter", Map.of("filter", filter, "limit", 3)).expect(200).body();
        List<String> ids = new ArrayList<>();
        int pages = 0;
        while (true) {
            pages++;
            assertThat(page.get("total").asLong()).isEqualTo(7);
            page.get("events").forEach(e -> ids.add(e.get("id").asText()));
            if (page.get("next_page").isNull()) {
                break;
            }
            String next = page.get("next_page").asText();
            assertThat(next).startsWith("http://127.0.0.1:" + server.port() + "/api/events/filter/next?page-token=");
            page = api.get(next.substring(next.indexOf("/api/"))).expect(200).body();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(ids).containsExactlyElementsOf(java.util.Arrays.stream(events).map(e -> e.get("id").asText()).toList());
        api.get("/events/filter/next?page-token=" + URLEncoder.encode("garbage!", StandardCharsets.UTF_8)).expect(403);
        api.get("/events/filter/next?page-token=eyJmb28iOjF9").expect(403);
        api.post("/events/filter", Map.of("limit", 51)).expect(422);
    }

    @Test
    void countsByEventResourceAndTime() {
        store(ev("x", "r1", 1), ev("x", "r1", 2), ev("y", "r2", 130));
        Map<String, Object> filter = Map.of("any_resource", Map.of("id_prefix", List.of(ns + ".")),
                "occurred", Map.of("since", Json.timestamp(base), "until", Json.timestamp(base.plusSeconds(299))));
        JsonNode byEvent = api.post("/events/count-by/event", Map.of("filter", filter)).expect(200).body();
        assertThat(byEvent).hasSize(2);
        assertThat(byEvent.get(0).get("value").asText()).isEqualTo(ns + ".x");
        assertThat(byEvent.get(0).get("count").asInt()).isEqualTo(2);
        JsonNode byResource = api.post("/events/count-by/resource", Map.of("filter", filter)).expect(200).body();
        assertThat(byResource.get(0).get("value").asText()).isEqualTo(ns + ".r1");
        JsonNode byTime = api.post("/events/count-by/time", Map.of("filter", filter, "time_unit", "minute",
                "time_interval", 1)).expect(200).body();
        assertThat(byTime).hasSize(5);
        assertThat(byTime.get(0).get("count").asInt()).isEqualTo(2);
        assertThat(byTime.get(2).get("count").asInt()).isEqualTo(1);
        assertThat(byTime.get(0).get("start_time").asText()).isEqualTo(Json.timestamp(base));
        JsonNode byDay = api.post("/events/count-by/day", Map.of("filter", filter)).expect(200).body();
        assertThat(byDay.get(0).get("count").asInt() + (byDay.size() > 1 ? byDay.get(1).get("count").asInt() : 0))
                .isEqualTo(3);
        api.post("/events/count-by/time", Map.of("filter", filter, "time_unit", "second", "time_interval", 0.1))
                .expect(422);
        api.post("/events/count-by/nonsense", Map.of("filter", filter)).expect(422);
    }
}
