package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code PATCH /deployments/{id}} updates schedules by slug when every existing and every provided schedule has
 * one, as Prefect 3.8 does; and 3.0 clients' legacy schedule fields are accepted and ignored.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class DeploymentScheduleSlugApiTest {

    @Parameter
    DbKind db;

    ApiClient api;
    String flowId;
    String suffix;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
        suffix = UUID.randomUUID().toString().substring(0, 8);
        flowId = api.post("/flows/", Map.of("name", "slugs-" + suffix)).expect(201).body().get("id").asText();
    }

    private static Map<String, Object> interval(double seconds) {
        return Map.of("interval", seconds, "anchor_date", "2026-01-01T00:00:00Z", "timezone", "UTC");
    }

    private static Map<String, Object> schedule(Object... fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            out.put((String) fields[i], fields[i + 1]);
        }
        return out;
    }

    private String deployment(List<Map<String, Object>> schedules) {
        return api.post("/deployments/", Map.of("name", "d-" + UUID.randomUUID(), "flow_id", flowId,
                "schedules", schedules)).expect(201).body().get("id").asText();
    }

    private Map<String, JsonNode> bySlug(String id) {
        Map<String, JsonNode> out = new HashMap<>();
        api.get("/deployments/" + id).expect(200).body().get("schedules")
                .forEach(s -> out.put(s.get("slug").isNull() ? null : s.get("slug").asText(), s));
        return out;
    }

    private ApiClient.Response patchSchedules(String id, List<Map<String, Object>> schedules) {
        return api.patch("/deployments/" + id, Map.of("schedules", schedules));
    }

    @Test
    void slugsPatchCreateAndLeaveUnlistedSchedulesInPlace() {
        String id = deployment(List.of(
                schedule("schedule", interval(60), "slug", "a"),
                schedule("schedule", interval(120), "slug", "b", "parameters", Map.of("x", 1))));
        Map<String, JsonNode> before = bySlug(id);

        patchSchedules(id, List.of(
                schedule("slug", "a", "active", false),
                schedule("slug", "c", "schedule", interval(300)))).expect(204);
        Map<String, JsonNode> after = bySlug(id);
        assertThat(after.keySet()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(after.get("a").get("id")).as("patched in place").isEqualTo(before.get("a").get("id"));
        assertThat(after.get("a").get("active").asBoolean()).isFalse();
        assertThat(after.get("a").get("schedule").get("interval").asDouble()).isEqualTo(60);
        assertThat(after.get("b")).as("unlisted: untouched").isEqualTo(before.get("b"));
        assertThat(after.get("c").get("active").asBoolean()).isTrue();
        assertThat(after.get("c").get("schedule").get("interval").asDouble()).isEqualTo(300);

        // An empty list names no schedule: nothing changes.
        patchSchedules(id, List.of()).expect(204);
        assertThat(bySlug(id).keySet()).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void replacesRenamesInPlaceIncludingChainsAndSwaps() {
        String id = deployment(List.of(
                schedule("schedule", interval(60), "slug", "a"),
                schedule("schedule", interval(120), "slug", "b"),
                schedule("schedule", interval(180), "slug", "x")));
        Map<String, JsonNode> before = bySlug(id);
        // a -> b while b -> c: a chain, applied as a whole.
        patchSchedules(id, List.of(
                schedule("slug", "b", "replaces", "a"),
                schedule("slug", "c", "replaces", "b", "active", false))).expect(204);
        Map<String, JsonNode> after = bySlug(id);
        assertThat(after.keySet()).containsExactlyInAnyOrder("b", "c", "x");
        assertThat(after.get("b").get("id")).isEqualTo(before.get("a").get("id"));
        assertThat(after.get("c").get("id")).isEqualTo(before.get("b").get("id"));
        assertThat(after.get("c").get("active").asBoolean()).isFalse();

        // A swap.
        patchSchedules(id, List.of(schedule("slug", "x", "replaces", "c"), schedule("slug", "c", "replaces", "x")))
                .expect(204);
        Map<String, JsonNode> swapped = bySlug(id);
        assertThat(swapped.get("x").get("id")).isEqualTo(before.get("b").get("id"));
        assertThat(swapped.get("c").get("id")).isEqualTo(before.get("x").get("id"));

        // replaces naming no schedule: an existing slug is patched, a new one is created.
        patchSchedules(id, List.of(schedule("slug", "n", "replaces", "gone", "schedule", interval(600)))).expect(204);
        assertThat(bySlug(id).keySet()).containsExactlyInAnyOrder("b", "c", "x", "n");
    }

    @Test
    void refusals() {
        String id = deployment(List.of(
                schedule("schedule", interval(60), "slug", "a"),
                schedule("schedule", interval(120), "slug", "b")));
        Map<String, JsonNode> before = bySlug(id);
        assertThat(patchSchedules(id, List.of(schedule("schedule", interval(5)))).expect(422).body().get("detail")
                .asText()).isEqualTo(
                        "Please provide a slug for each schedule in your request to ensure schedules are updated correctly.");
        assertThat(patchSchedules(id, List.of(schedule("slug", "new", "active", true))).expect(422).body()
                .get("detail").asText()).isEqualTo(
                        "Unable to create new deployment schedules without a schedule configuration.");
        assertThat(patchSchedules(id, List.of(schedule("slug", "p", "replaces", "a"), schedule("slug", "q", "replaces", "a")))
                .expect(422).body().get("detail").asText()).contains("replace the same slug 'a'");
        assertThat(patchSchedules(id, List.of(schedule("slug", "b", "replaces", "a"))).expect(422).body()
                .get("detail").asText()).contains("'b'");
        api.patch("/deployments/" + id, Map.of("schedules", List.of(schedule("slug", "c", "replaces", "a")),
                "description", "not applied")).expect(204);
        assertThat(bySlug(id).keySet()).containsExactlyInAnyOrder("b", "c");
        assertThat(bySlug(id).get("b")).as("refusals changed nothing").isEqualTo(before.get("b"));
    }

    @Test
    void withoutSlugsEverywhereTheScheduleListIsReplaced() {
        String id = deployment(List.of(schedule("schedule", interval(60)), schedule("schedule", interval(120), "slug", "b")));
        patchSchedules(id, List.of(schedule("schedule", interval(30), "slug", "z"), schedule("slug", "no-config")))
                .expect(204);
        Map<String, JsonNode> after = bySlug(id);
        assertThat(after.keySet()).as("items without a configuration are dropped").containsExactly("z");
        // Now every schedule has a slug: an empty list leaves them.
        patchSchedules(id, List.of()).expect(204);
        assertThat(bySlug(id).keySet()).containsExactly("z");
        // No schedule at all: the list replaces (here: adds).
        String bare = deployment(List.of());
        patchSchedules(bare, List.of(schedule("schedule", interval(30)), schedule("schedule", interval(40), "slug", "s")))
                .expect(204);
        assertThat(bySlug(bare).keySet()).containsExactlyInAnyOrder(null, "s");
    }

    @Test
    void legacyScheduleFieldsOfThreeZeroClientsAreAcceptedAndIgnored() {
        Map<String, Object> legacy = schedule("schedule", interval(60), "active", true, "max_active_runs", null,
                "catchup", false);
        JsonNode created = api.post("/deployments/", Map.of("name", "legacy-" + suffix, "flow_id", flowId,
                "schedules", List.of(legacy))).expect(201).body();
        String id = created.get("id").asText();
        JsonNode stored = created.get("schedules").get(0);
        assertThat(stored.has("max_active_runs")).isFalse();
        assertThat(stored.has("catchup")).isFalse();
        JsonNode added = api.post("/deployments/" + id + "/schedules", List.of(schedule("schedule", interval(90),
                "max_active_runs", 3, "catchup", true))).expect(201).body();
        assertThat(added.get(0).has("catchup")).isFalse();
        api.patch("/deployments/" + id + "/schedules/" + added.get(0).get("id").asText(),
                Map.of("active", false, "catchup", true, "max_active_runs", 1)).expect(204);
        api.patch("/deployments/" + id, Map.of("schedules", List.of(legacy))).expect(204);
        assertThat(api.get("/deployments/" + id).body().get("schedules")).hasSize(1);
        // Other unknown fields stay refused.
        assertThat(api.post("/deployments/" + id + "/schedules", List.of(schedule("schedule", interval(90),
                "catch_up", true))).expect(422).raw()).contains("extra_forbidden");
    }
}
