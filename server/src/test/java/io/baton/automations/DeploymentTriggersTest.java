package io.baton.automations;

import static io.baton.automations.AutomationHarness.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.BatonServer;
import io.baton.json.Json;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Triggers sent with a deployment: automations owned by it, listed as related, replaced on redeploy. */
@ParameterizedClass
@EnumSource(DbKind.class)
class DeploymentTriggersTest {

    @Parameter
    DbKind db;

    @Test
    void ownedAutomationsAreListedAndReplacedOnRedeploy() {
        BatonServer server = TestServers.sharedWithAutomations(db);
        ApiClient api = new ApiClient(server);
        String ns = "t" + UUID.randomUUID().toString().substring(0, 8);
        String owner = "prefect.deployment." + UUID.randomUUID();
        ObjectNode body = Json.object().put("name", "deploy-trigger-" + ns).put("enabled", true);
        body.set("trigger", trigger(ns + ".*", List.of(ns + ".x"), 1, 0));
        body.set("actions", Json.array().add(Json.object().put("type", "run-deployment").put("source", "inferred")));
        body.put("owner_resource", owner);
        JsonNode first = api.post("/automations/", body).expect(201).body();
        assertThat(api.get("/automations/related-to/" + owner).expect(200).body()).hasSize(1);

        // A redeploy deletes the deployment's automations and creates them again.
        api.delete("/automations/owned-by/" + owner).expect(202);
        api.get("/automations/" + first.get("id").asText()).expect(404);
        assertThat(api.get("/automations/related-to/" + owner).expect(200).body()).isEmpty();
        JsonNode second = api.post("/automations/", body).expect(201).body();
        JsonNode related = api.get("/automations/related-to/" + owner).expect(200).body();
        assertThat(related).hasSize(1);
        assertThat(related.get(0).get("id").asText()).isEqualTo(second.get("id").asText());
        assertThat(AutomationHarness.stored(server, first, "prefect.automation.deleted")).hasSize(1);
    }
}
