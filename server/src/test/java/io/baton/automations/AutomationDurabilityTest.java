package io.baton.automations;

import static io.baton.automations.AutomationHarness.create;
import static io.baton.automations.AutomationHarness.event;
import static io.baton.automations.AutomationHarness.send;
import static io.baton.automations.AutomationHarness.stored;
import static io.baton.automations.AutomationHarness.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.app.DatabaseUrl;
import io.baton.json.Json;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Counting state survives a restart; replicas on one database count each event once and fire once. */
@ParameterizedClass
@EnumSource(DbKind.class)
class AutomationDurabilityTest {

    @Parameter
    DbKind db;

    /** Waits (generously) until the automation's action ran, then returns how often it was triggered. */
    private static int firingsOnceSettled(BatonServer server, JsonNode automation) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (stored(server, automation, "prefect.automation.action.executed").isEmpty()) {
            assertThat(Instant.now()).as("the action ran").isBefore(deadline);
            Thread.sleep(100);
        }
        return stored(server, automation, "prefect.automation.triggered").size();
    }

    @Test
    void aRestartBetweenTheFourthAndFifthEventStillFiresOnce() throws Exception {
        String ns = "t" + UUID.randomUUID().toString().substring(0, 8);
        BatonServer first = TestServers.freshWithAutomations(db, s -> s);
        DatabaseUrl url = first.settings().database();
        JsonNode automation;
        try {
            automation = create(first, "five-" + ns, trigger(ns + ".*", List.of(ns + ".tick"), 5, 300),
                    Json.object().put("type", "do-nothing"));
            for (int i = 0; i < 4; i++) {
                send(first, event(ns + ".tick", ns + ".r"));
            }
            // The fourth event is counted before the server stops (counting is transactional, so wait for it).
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (bucketCount(first) < 4) {
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(50);
            }
        } finally {
            first.close();
        }
        try (BatonServer restarted = TestServers.freshWithAutomations(db, s -> s.withDatabase(url))) {
            send(restarted, event(ns + ".tick", ns + ".r"));
            assertThat(firingsOnceSettled(restarted, automation)).isEqualTo(1);
        }
    }

    private static int bucketCount(BatonServer server) {
        Object count = server.database().read(dsl -> dsl.fetchValue("select max(count) from automation_bucket"));
        return count == null ? 0 : ((Number) count).intValue();
    }

    @Test
    void twoServersOnOneDatabaseFireOnce() throws Exception {
        String ns = "t" + UUID.randomUUID().toString().substring(0, 8);
        try (BatonServer a = TestServers.freshWithAutomations(db, s -> s);
             BatonServer b = TestServers.freshWithAutomations(db, s -> s.withDatabase(a.settings().database()))) {
            JsonNode automation = create(a, "pair-" + ns, trigger(ns + ".*", List.of(ns + ".tick"), 6, 300),
                    Json.object().put("type", "do-nothing"));
            // b learns of the automation through the database's change marker.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            for (int i = 0; i < 6; i++) {
                send(i % 2 == 0 ? a : b, event(ns + ".tick", ns + ".r"));
                if (i == 0) {
                    Thread.sleep(3000);
                }
            }
            assertThat(firingsOnceSettled(a, automation)).isEqualTo(1);
            assertThat(Instant.now()).isBefore(deadline);
            assertThat(stored(b, automation, "prefect.automation.action.executed")).hasSize(1);
        }
    }
}
