package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
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
class ConcurrencyLimitV2ApiTest {

    @Parameter
    DbKind db;

    ApiClient api;
    String prefix;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
        prefix = "l-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private JsonNode create(String name, int limit) {
        return api.post("/v2/concurrency_limits/", Map.of("name", prefix + name, "limit", limit)).expect(201).body();
    }

    private static Map<String, Object> increment(List<String> names, int slots) {
        Map<String, Object> body = new HashMap<>();
        body.put("names", names);
        body.put("slots", slots);
        return body;
    }

    @Test
    void createReadPatchDelete() {
        JsonNode created = api.post("/v2/concurrency_limits/", Map.of("name", prefix + "g", "limit", 3,
                "slot_decay_per_second", 0.5)).expect(201).body();
        assertThat(created.get("denied_slots").asInt()).isZero();
        assertThat(created.get("avg_slot_occupancy_seconds").asDouble()).isEqualTo(2.0);
        String id = created.get("id").asText();

        JsonNode byName = api.get("/v2/concurrency_limits/" + prefix + "g").expect(200).body();
        JsonNode byId = api.get("/v2/concurrency_limits/" + id).expect(200).body();
        assertThat(byName).isEqualTo(byId);
        assertThat(iterableKeys(byId)).containsExactlyInAnyOrder("id", "created", "updated", "active", "name", "limit",
                "active_slots", "slot_decay_per_second");

        api.patch("/v2/concurrency_limits/" + id, Map.of("limit", 5, "active", false)).expect(204);
        JsonNode patched = api.get("/v2/concurrency_limits/" + prefix + "g").body();
        assertThat(patched.get("limit").asInt()).isEqualTo(5);
        assertThat(patched.get("active").asBoolean()).isFalse();
        api.patch("/v2/concurrency_limits/" + prefix + "g", Map.of("name", prefix + "renamed")).expect(204);
        api.get("/v2/concurrency_limits/" + prefix + "renamed").expect(200);

        api.delete("/v2/concurrency_limits/" + prefix + "renamed").expect(204);
        assertThat(api.get("/v2/concurrency_limits/" + id).expect(404).body().get("detail").asText())
                .isEqualTo("Concurrency Limit not found");
        api.delete("/v2/concurrency_limits/" + id).expect(404);
        api.patch("/v2/concurrency_limits/" + id, Map.of("limit", 1)).expect(404);
    }

    @Test
    void duplicateNameIsAConflict() {
        create("dup", 1);
        JsonNode body = api.post("/v2/concurrency_limits/", Map.of("name", prefix + "dup", "limit", 2)).expect(409).body();
        assertThat(body.get("detail").asText()).startsWith("Data integrity conflict");
        create("other", 1);
        api.patch("/v2/concurrency_limits/" + prefix + "other", Map.of("name", prefix + "dup")).expect(409);
    }

    @Test
    void invalidBodiesAre422() {
        api.post("/v2/concurrency_limits/", Map.of("name", "bad/name", "limit", 1)).expect(422);
        api.post("/v2/concurrency_limits/", Map.of("name", prefix + "neg", "limit", -1)).expect(422);
        api.post("/v2/concurrency_limits/increment", increment(List.of("x"), 0)).expect(422);
        api.post("/v2/concurrency_limits/increment-with-lease",
                Map.of("names", List.of("x"), "slots", 1, "lease_duration", 30)).expect(422);
    }

    @Test
    void filterIsOrderedByNameWithLimitAndOffset() {
        create("b", 1);
        create("a", 1);
        create("c", 1);
        List<String> names = api.post("/v2/concurrency_limits/filter", Map.of("limit", 200)).expect(200).body()
                .findValuesAsText("name").stream().filter(n -> n.startsWith(prefix)).toList();
        assertThat(names).containsExactly(prefix + "a", prefix + "b", prefix + "c");
        assertThat(api.post("/v2/concurrency_limits/filter", Map.of("limit", 1)).expect(200).body()).hasSize(1);
        api.post("/v2/concurrency_limits/filter", Map.of("limit", 201)).expect(422);
    }

    @Test
    void incrementUntilFullThenLockedWithRetryAfter() {
        create("full", 2);
        List<String> names = List.of(prefix + "full");
        JsonNode taken = api.post("/v2/concurrency_limits/increment", increment(names, 2)).expect(200).body();
        assertThat(taken.get(0).get("name").asText()).isEqualTo(prefix + "full");
        assertThat(api.get("/v2/concurrency_limits/" + prefix + "full").body().get("active_slots").asInt()).isEqualTo(2);

        ApiClient.Response locked = api.post("/v2/concurrency_limits/increment", increment(names, 1)).expect(423);
        assertThat(locked.body().get("detail").asText()).isEqualTo("Locked");
        double retryAfter = Double.parseDouble(locked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isGreaterThan(0).isLessThanOrEqualTo(30 * 1.3);

        api.post("/v2/concurrency_limits/decrement", increment(names, 1)).expect(200);
        assertThat(api.get("/v2/concurrency_limits/" + prefix + "full").body().get("active_slots").asInt()).isEqualTo(1);
        api.post("/v2/concurrency_limits/increment", increment(names, 1)).expect(200);
    }

    @Test
    void acquireIsAllOrNothingAcrossLimits() {
        create("roomy", 5);
        create("tight", 1);
        List<String> both = List.of(prefix + "roomy", prefix + "tight");
        api.post("/v2/concurrency_limits/increment", increment(List.of(prefix + "tight"), 1)).expect(200);
        api.post("/v2/concurrency_limits/increment", increment(both, 1)).expect(423);
        assertThat(api.get("/v2/concurrency_limits/" + prefix + "roomy").body().get("active_slots").asInt()).isZero();
        api.post("/v2/concurrency_limits/decrement", increment(List.of(prefix + "tight"), 1)).expect(200);
        api.post("/v2/concurrency_limits/increment", increment(both, 1)).expect(200);
        assertThat(api.get("/v2/concurrency_limits/" + prefix + "roomy").body().get("active_slots").asInt()).isEqualTo(1);
        assertThat(api.get("/v2/concurrency_limits/" + prefix + "tight").body().get("active_slots").asInt()).isEqualTo(1);
    }

    @Test
    void incrementRules() {
        create("small", 2);
        JsonNode tooMany = api.post("/v2/concurrency_limits/increment", increment(List.of(prefix + "small"), 3))
                .expect(422).body();
        assertThat(tooMany.get("detail").asText()).isEqualTo("Slots requested is greater than the limit");
        Map<String, Object> rate = increment(List.of(prefix + "small"), 1);
        rate.put("mode", "rate_limit");
        assertThat(api.post("/v2/concurrency_limits/increment", rate).expect(422).body().get("detail").asText())
                .isEqualTo("Only concurrency limits with slot decay can be used for rate limiting. "
                        + "The following limits do not have a decay configured: '" + prefix + "small'");
        // Unknown names are skipped; inactive limits are ignored.
        assertThat(api.post("/v2/concurrency_limits/increment", increment(List.of(prefix + "nope"), 1)).expect(200).body())
                .isEmpty();
        api.post("/v2/concurrency_limits/", Map.of("name", prefix + "off", "limit", 0, "active", false)).expect(201);
        assertThat(api.post("/v2/concurrency_limits/increment", increment(List.of(prefix + "off"), 1)).expect(200).body())
                .isEmpty();
    }

    @Test
    void rateLimitsAcceptDecayingLimits() {
        api.post("/v2/concurrency_limits/", Map.of("name", prefix + "rate", "limit", 1, "slot_decay_per_second", 0.001))
                .expect(201);
        Map<String, Object> rate = increment(List.of(prefix + "rate"), 1);
        rate.put("mode", "rate_limit");
        api.post("/v2/concurrency_limits/increment", rate).expect(200);
        ApiClient.Response locked = api.post("/v2/concurrency_limits/increment", rate).expect(423);
        // Blocking backlog 1 + 1 denied... at 0.001 slots/s the wait is far above the concurrency cap.
        double retryAfter = Double.parseDouble(locked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isGreaterThan(100);
    }

    @Test
    void leasesCoverAcquiredSlots() {
        create("leased", 1);
        Map<String, Object> body = increment(List.of(prefix + "leased"), 1);
        body.put("lease_duration", 60);
        body.put("holder", Map.of("type", "task_run", "id", UUID.randomUUID().toString()));
        JsonNode acquired = api.post("/v2/concurrency_limits/increment-with-lease", body).expect(200).body();
        assertThat(acquired.get("limits")).hasSize(1);
        String leaseId = acquired.get("lease_id").asText();
        ApiClient.Response full = api.post("/v2/concurrency_limits/increment-with-lease", body).expect(423);
        assertThat(full.headers().firstValue("Retry-After")).isPresent();

        api.post("/v2/concurrency_limits/leases/" + leaseId + "/renew", Map.of("lease_duration", 120)).expect(204);
        api.post("/v2/concurrency_limits/leases/" + leaseId + "/renew", Map.of()).expect(204);
        api.post("/v2/concurrency_limits/decrement-with-lease", Map.of("lease_id", leaseId)).expect(204);
        assertThat(api.get("/v2/concurrency_limits/" + prefix + "leased").body().get("active_slots").asInt()).isZero();
        // The lease is gone: renewing answers 410, releasing again is a no-op.
        JsonNode gone = api.post("/v2/concurrency_limits/leases/" + leaseId + "/renew", Map.of()).expect(410).body();
        assertThat(gone.get("detail").asText()).isEqualTo("Lease not found - it may have expired or been revoked");
        api.post("/v2/concurrency_limits/decrement-with-lease", Map.of("lease_id", leaseId)).expect(204);
        assertThat(api.get("/v2/concurrency_limits/" + prefix + "leased").body().get("active_slots").asInt()).isZero();
    }

    @Test
    void incrementWithLeaseWithoutLimitsStillAnswers200() {
        Map<String, Object> body = increment(List.of("tag:" + prefix + "none"), 1);
        body.put("mode", "concurrency");
        body.put("lease_duration", 60);
        body.put("holder", Map.of("type", "task_run", "id", UUID.randomUUID().toString()));
        JsonNode answer = api.post("/v2/concurrency_limits/increment-with-lease", body).expect(200).body();
        assertThat(answer.get("limits")).isEmpty();
        assertThat(UUID.fromString(answer.get("lease_id").asText())).isNotNull();
    }

    @Test
    void decrementRecordsOccupancy() {
        create("occ", 1);
        api.post("/v2/concurrency_limits/increment", increment(List.of(prefix + "occ"), 1)).expect(200);
        Map<String, Object> body = increment(List.of(prefix + "occ"), 1);
        body.put("occupancy_seconds", 10.0);
        JsonNode released = api.post("/v2/concurrency_limits/decrement", body).expect(200).body();
        assertThat(released.get(0).get("name").asText()).isEqualTo(prefix + "occ");
        JsonNode stored = TestServers.shared(db).stores().concurrencyLimits.readByName(prefix + "occ")
                .map(l -> io.baton.json.Json.toTree(l)).orElseThrow();
        // 2.0 moved toward 10 with weight 1 / (2 * limit) = 0.5.
        assertThat(stored.get("avg_slot_occupancy_seconds").asDouble()).isCloseTo(6.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static List<String> iterableKeys(JsonNode node) {
        List<String> keys = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
