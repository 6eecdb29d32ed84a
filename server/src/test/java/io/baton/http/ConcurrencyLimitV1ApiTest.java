package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The V1 tag-limit routes, served from V2 {@code tag:<tag>} limits and their leases. */
@ParameterizedClass
@EnumSource(DbKind.class)
class ConcurrencyLimitV1ApiTest {

    @Parameter
    DbKind db;

    ApiClient api;
    String tag;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
        tag = "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonNode create(String t, int limit, int expectedStatus) {
        return api.post("/concurrency_limits/", Map.of("tag", t, "concurrency_limit", limit)).expect(expectedStatus).body();
    }

    private ApiClient.Response increment(List<String> tags, UUID taskRun) {
        return api.post("/concurrency_limits/increment", Map.of("names", tags, "task_run_id", taskRun.toString()));
    }

    @Test
    void createIsAnUpsertOverTheV2TagLimit() {
        JsonNode created = create(tag, 2, 201);
        assertThat(created.get("tag").asText()).isEqualTo(tag);
        assertThat(created.get("active_slots")).isEmpty();
        JsonNode updated = create(tag, 4, 200);
        assertThat(updated.get("id")).isEqualTo(created.get("id"));
        assertThat(updated.get("concurrency_limit").asInt()).isEqualTo(4);
        JsonNode v2 = api.get("/v2/concurrency_limits/tag:" + tag).expect(200).body();
        assertThat(v2.get("id")).isEqualTo(created.get("id"));
        assertThat(v2.get("limit").asInt()).isEqualTo(4);
    }

    @Test
    void readByIdAndByTag() {
        JsonNode created = create(tag, 2, 201);
        String id = created.get("id").asText();
        assertThat(api.get("/concurrency_limits/" + id).expect(200).body().get("tag").asText()).isEqualTo(tag);
        assertThat(api.get("/concurrency_limits/tag/" + tag).expect(200).body().get("id").asText()).isEqualTo(id);
        assertThat(api.get("/concurrency_limits/" + UUID.randomUUID()).expect(404).body().get("detail").asText())
                .isEqualTo("Concurrency limit not found");
        api.get("/concurrency_limits/tag/nope-" + tag).expect(404);
        // A global limit that is not a tag limit is not a V1 limit.
        JsonNode global = api.post("/v2/concurrency_limits/", Map.of("name", "g-" + tag, "limit", 1)).expect(201).body();
        api.get("/concurrency_limits/" + global.get("id").asText()).expect(404);
    }

    @Test
    void incrementHoldsSlotsForTaskRunsUntilDecrement() {
        create(tag, 2, 201);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        JsonNode taken = increment(List.of(tag, "unlimited-" + tag), a).expect(200).body();
        assertThat(taken).hasSize(1);
        assertThat(taken.get(0).get("name").asText()).isEqualTo(tag);
        increment(List.of(tag), b).expect(200);
        JsonNode read = api.get("/concurrency_limits/tag/" + tag).body();
        assertThat(List.of(read.get("active_slots").get(0).asText(), read.get("active_slots").get(1).asText()))
                .containsExactlyInAnyOrder(a.toString(), b.toString());

        ApiClient.Response full = increment(List.of(tag), UUID.randomUUID()).expect(423);
        assertThat(full.body().get("detail").asText()).isEqualTo("Concurrency limit for the " + tag + " tag has been reached");
        assertThat(Double.parseDouble(full.headers().firstValue("Retry-After").orElseThrow())).isPositive();

        JsonNode released = api.post("/concurrency_limits/decrement", Map.of("names", List.of(tag),
                "task_run_id", a.toString())).expect(200).body();
        assertThat(released.get(0).get("name").asText()).isEqualTo(tag);
        JsonNode after = api.get("/concurrency_limits/tag/" + tag).body();
        assertThat(after.get("active_slots")).hasSize(1);
        assertThat(after.get("active_slots").get(0).asText()).isEqualTo(b.toString());
        assertThat(api.get("/v2/concurrency_limits/tag:" + tag).body().get("active_slots").asInt()).isEqualTo(1);
    }

    @Test
    void aZeroLimitWouldDeadlock() {
        create(tag, 0, 201);
        ApiClient.Response locked = increment(List.of(tag), UUID.randomUUID()).expect(423);
        assertThat(locked.body().get("detail").asText())
                .isEqualTo("The concurrency limit on tag \"" + tag + "\" is 0 and will deadlock if the task tries to run again.");
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void resetDropsHoldersAndAppliesTheOverride() {
        create(tag, 3, 201);
        increment(List.of(tag), UUID.randomUUID()).expect(200);
        increment(List.of(tag), UUID.randomUUID()).expect(200);
        UUID kept = UUID.randomUUID();
        api.post("/concurrency_limits/tag/" + tag + "/reset", Map.of("slot_override", List.of(kept.toString()))).expect(200);
        JsonNode read = api.get("/concurrency_limits/tag/" + tag).body();
        assertThat(read.get("active_slots")).hasSize(1);
        assertThat(read.get("active_slots").get(0).asText()).isEqualTo(kept.toString());
        assertThat(api.get("/v2/concurrency_limits/tag:" + tag).body().get("active_slots").asInt()).isEqualTo(1);
        api.post("/concurrency_limits/tag/" + tag + "/reset", Map.of()).expect(200);
        assertThat(api.get("/concurrency_limits/tag/" + tag).body().get("active_slots")).isEmpty();
        assertThat(api.get("/v2/concurrency_limits/tag:" + tag).body().get("active_slots").asInt()).isZero();
        api.post("/concurrency_limits/tag/nope-" + tag + "/reset", Map.of()).expect(404);
    }

    @Test
    void filterListsTagLimitsOnly() {
        create(tag + "-b", 1, 201);
        create(tag + "-a", 1, 201);
        api.post("/v2/concurrency_limits/", Map.of("name", tag + "-global", "limit", 1)).expect(201);
        List<String> tags = api.post("/concurrency_limits/filter", Map.of("limit", 200)).expect(200).body()
                .findValuesAsText("tag").stream().filter(t -> t.startsWith(tag)).toList();
        assertThat(tags).containsExactly(tag + "-a", tag + "-b");
        assertThat(api.post("/concurrency_limits/filter", Map.of("limit", 1)).expect(200).body()).hasSize(1);
    }

    @Test
    void deleteByIdAndByTag() {
        JsonNode first = create(tag + "-1", 1, 201);
        create(tag + "-2", 1, 201);
        increment(List.of(tag + "-1"), UUID.randomUUID()).expect(200);
        api.delete("/concurrency_limits/" + first.get("id").asText()).expect(200);
        api.get("/concurrency_limits/" + first.get("id").asText()).expect(404);
        api.delete("/concurrency_limits/" + first.get("id").asText()).expect(404);
        api.delete("/concurrency_limits/tag/" + tag + "-2").expect(200);
        assertThat(api.delete("/concurrency_limits/tag/" + tag + "-2").expect(404).body().get("detail").asText())
                .isEqualTo("Concurrency limit not found");
    }
}
