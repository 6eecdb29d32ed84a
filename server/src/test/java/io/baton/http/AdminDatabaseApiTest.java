package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.app.BatonServer;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code POST /admin/database/clear|drop|create} as Prefect 3.0-3.7 served them. */
@ParameterizedClass
@EnumSource(DbKind.class)
class AdminDatabaseApiTest {

    @Parameter
    DbKind db;

    @Test
    void refusedWithoutConfirmThenClearKeepsTheSystemBlockTypes() {
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            ApiClient api = new ApiClient(server);
            String flowId = api.post("/flows/", Map.of("name", "doomed")).expect(201).body().get("id").asText();
            int blockTypes = api.post("/block_types/filter", Map.of()).expect(200).body().size();
            assertThat(blockTypes).isGreaterThan(0);

            for (String op : new String[] {"clear", "drop", "create"}) {
                var refused = api.post("/admin/database/" + op, Map.of()).expect(400);
                assertThat(refused.raw()).isEmpty();
                api.post("/admin/database/" + op, Map.of("confirm", false)).expect(400);
                api.post("/admin/database/" + op, Map.of("confirm", "yes")).expect(422);
            }
            api.get("/flows/" + flowId).expect(200);

            api.post("/admin/database/clear", Map.of("confirm", true)).expect(204);
            api.get("/flows/" + flowId).expect(404);
            assertThat(api.post("/flows/filter", Map.of()).expect(200).body()).isEmpty();
            assertThat(api.post("/events/filter", Map.of()).expect(200).body().get("events")).isEmpty();
            assertThat(api.post("/block_types/filter", Map.of()).expect(200).body().size()).isEqualTo(blockTypes);
            api.post("/flows/", Map.of("name", "after-clear")).expect(201);
        }
    }

    @Test
    void dropThenCreateGivesAWorkingEmptyServer() {
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            ApiClient api = new ApiClient(server);
            api.post("/flows/", Map.of("name", "before-drop")).expect(201);
            api.post("/admin/database/drop", Map.of("confirm", true)).expect(204);
            api.post("/admin/database/create", Map.of("confirm", true)).expect(204);
            assertThat(api.post("/flows/filter", Map.of()).expect(200).body()).isEmpty();
            assertThat(api.post("/block_types/filter", Map.of()).expect(200).body().size()).isGreaterThan(0);
            api.post("/flows/", Map.of("name", "after-create")).expect(201);
        }
    }

    @Test
    void guardedByAuth() {
        try (BatonServer server = TestServers.fresh(db, s -> s.withAuthString("admin:pass"))) {
            ApiClient api = new ApiClient(server);
            api.post("/admin/database/clear", Map.of("confirm", true)).expect(401);
            api.post("/flow_run_notification_policies/filter", Map.of()).expect(401);
            String header = "Basic " + Base64.getEncoder().encodeToString("admin:pass".getBytes(StandardCharsets.UTF_8));
            api.send("POST", "/admin/database/clear", Map.of("confirm", true), Map.of("Authorization", header))
                    .expect(204);
        }
    }
}
