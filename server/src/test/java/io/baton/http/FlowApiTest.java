package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.RawHttp;
import io.baton.testing.TestServers;
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
class FlowApiTest {

    @Parameter
    DbKind db;

    ApiClient api;
    String tag;

    @BeforeEach
    void setUp() {
        api = new ApiClient(TestServers.shared(db));
        tag = "t-" + UUID.randomUUID();
    }

    private JsonNode create(String name, List<String> tags) {
        return api.post("/flows/", Map.of("name", name, "tags", tags)).body();
    }

    @Test
    void createIsIdempotentOnName() {
        String name = "flow-" + UUID.randomUUID();
        var first = api.post("/flows/", Map.of("name", name, "tags", List.of("a"))).expect(201);
        var second = api.post("/flows/", Map.of("name", name)).expect(200);
        assertThat(second.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(first.body().get("labels").isObject()).isTrue();
        assertThat(first.body().get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    }

    @Test
    void readByIdAndName() {
        JsonNode flow = create("flow-" + UUID.randomUUID(), List.of());
        String id = flow.get("id").asText();
        assertThat(api.get("/flows/" + id).expect(200).body().get("name")).isEqualTo(flow.get("name"));
        assertThat(api.get("/flows/name/" + flow.get("name").asText()).expect(200).body().get("id").asText()).isEqualTo(id);
        assertThat(api.get("/flows/" + UUID.randomUUID()).expect(404).body().get("detail").asText()).isEqualTo("Flow not found");
        assertThat(api.get("/flows/name/nope-" + UUID.randomUUID()).expect(404).body().get("detail").asText())
                .isEqualTo("Flow not found");
        // A non-UUID id does not match the route at all.
        assertThat(api.get("/flows/not-a-uuid").expect(404).body().get("detail").asText()).isEqualTo("Not Found");
    }

    @Test
    void updateAndDelete() {
        JsonNode flow = create("flow-" + UUID.randomUUID(), List.of("x"));
        String id = flow.get("id").asText();
        api.patch("/flows/" + id, Map.of("tags", List.of("y", "z"))).expect(204);
        assertThat(api.get("/flows/" + id).body().get("tags").toString()).isEqualTo("[\"y\",\"z\"]");
        api.patch("/flows/" + UUID.randomUUID(), Map.of("tags", List.of())).expect(404);
        api.delete("/flows/" + id).expect(204);
        api.get("/flows/" + id).expect(404);
        api.delete("/flows/" + id).expect(404);
    }

    @Test
    void filterSemantics() {
        JsonNode a = create("alpha-" + tag, List.of(tag, "one"));
        JsonNode b = create("beta-" + tag, List.of(tag, "two"));
        create("gamma-" + tag, List.of(tag));

        assertThat(names(api.post("/flows/filter", Map.of("flows", Map.of("tags", Map.of("all_", List.of(tag))))))).hasSize(3);
        assertThat(names(api.post("/flows/filter", Map.of("flows", Map.of("tags", Map.of("all_", List.of(tag, "one")))))))
                .containsExactly("alpha-" + tag);
        assertThat(names(api.post("/flows/filter", Map.of("flows", Map.of("name", Map.of("like_", "BETA-" + tag))))))
                .containsExactly("beta-" + tag);
        // any_: [] matches nothing; not_any_: [] is ignored.
        assertThat(names(api.post("/flows/filter", Map.of("flows", Map.of("id", Map.of("any_", List.of())))))).isEmpty();
        assertThat(names(api.post("/flows/filter", Map.of("flows", Map.of(
                "tags", Map.of("all_", List.of(tag)), "id", Map.of("not_any_", List.of())))))).hasSize(3);
        assertThat(names(api.post("/flows/filter", Map.of("flows", Map.of(
                "tags", Map.of("all_", List.of(tag)), "id", Map.of("not_any_", List.of(a.get("id").asText())))))))
                .containsExactly("beta-" + tag, "gamma-" + tag);
        // operator or_
        assertThat(names(api.post("/flows/filter", Map.of("flows", Map.of("operator", "or_",
                "id", Map.of("any_", List.of(a.get("id").asText())), "name", Map.of("any_", List.of("beta-" + tag)))))))
                .containsExactly("alpha-" + tag, "beta-" + tag);
        assertThat(names(api.post("/flows/filter", Map.of("flows", Map.of("tags", Map.of("all_", List.of(tag))),
                "sort", "NAME_DESC", "limit", 2)))).containsExactly("gamma-" + tag, "beta-" + tag);
        assertThat(names(api.post("/flows/filter", Map.of("flows", Map.of("tags", Map.of("all_", List.of(tag))),
                "offset", 1)))).containsExactly("beta-" + tag, "gamma-" + tag);
        assertThat(api.post("/flows/count", Map.of("flows", Map.of("tags", Map.of("all_", List.of(tag))))).body().asInt())
                .isEqualTo(3);
        // Flows without deployments.
        assertThat(names(api.post("/flows/filter", Map.of("flows", Map.of("tags", Map.of("all_", List.of(tag)),
                "deployment", Map.of("is_null_", true)))))).hasSize(3);
        assertThat(b.get("tags").size()).isEqualTo(2);
    }

    @Test
    void paginateAndBulkDelete() {
        for (int i = 0; i < 5; i++) {
            create("p" + i + "-" + tag, List.of(tag));
        }
        JsonNode page = api.post("/flows/paginate", Map.of("flows", Map.of("tags", Map.of("all_", List.of(tag))),
                "limit", 2, "page", 2)).expect(200).body();
        assertThat(page.get("count").asInt()).isEqualTo(5);
        assertThat(page.get("pages").asInt()).isEqualTo(3);
        assertThat(page.get("page").asInt()).isEqualTo(2);
        assertThat(page.get("results")).hasSize(2);
        JsonNode deleted = api.post("/flows/bulk_delete", Map.of("flows", Map.of("tags", Map.of("all_", List.of(tag))),
                "limit", 3)).expect(200).body();
        assertThat(deleted.get("deleted")).hasSize(3);
        assertThat(api.post("/flows/count", Map.of("flows", Map.of("tags", Map.of("all_", List.of(tag))))).body().asInt())
                .isEqualTo(2);
    }

    @Test
    void limitAboveTheDefaultIsRejected() {
        var response = api.post("/flows/filter", Map.of("limit", 201)).expect(422);
        assertThat(response.body().get("detail").asText()).isEqualTo("Invalid limit: must be less than or equal to 200.");
    }

    @Test
    void badInputGetsPrefectsErrorShapes() {
        var extra = api.post("/flows/", Map.of("name", "x-" + tag, "bogus", 1)).expect(422).body();
        assertThat(extra.get("exception_detail").get(0).get("type").asText()).isEqualTo("extra_forbidden");
        assertThat(extra.get("request_body").get("bogus").asInt()).isEqualTo(1);
        var wrongType = api.post("/flows/filter", Map.of("limit", "many")).expect(422).body();
        assertThat(wrongType.get("exception_detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"limit\"]");
        var badName = api.post("/flows/", Map.of("name", "a/b")).expect(422).body();
        assertThat(badName.get("exception_detail").get(0).get("type").asText()).isEqualTo("string_pattern_mismatch");
        try (RawHttp http = new RawHttp(TestServers.shared(db).port())) {
            // Refused from the Content-Length alone, before the body is sent (as a client expecting 100-continue).
            http.send("POST /api/flows/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + (17 * 1024 * 1024) + "\r\n\r\n");
            RawHttp.Response oversize = http.read();
            assertThat(oversize.status()).isEqualTo(413);
            assertThat(oversize.json().get("detail").asText()).isNotEmpty();
        }
        assertThat(api.post("/flows/count", Map.of("flows", Map.of("name", Map.of("any_", List.of("x-" + tag)))))
                .body().asInt()).isZero();
    }

    private static List<String> names(ApiClient.Response response) {
        response.expect(200);
        return response.body().findValuesAsText("name");
    }
}
