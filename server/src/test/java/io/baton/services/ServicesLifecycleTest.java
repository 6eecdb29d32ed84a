package io.baton.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.app.BatonServer;
import io.baton.testing.ApiClient;
import io.baton.testing.DbKind;
import io.baton.testing.TestServers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server with services enabled starts its periodic services and stops them on close. */
class ServicesLifecycleTest {

    @Test
    void startsAndStopsWithTheServer() {
        try (BatonServer server = TestServers.fresh(DbKind.SQLITE, s -> s.withServices(true))) {
            new ApiClient(server).post("/work_pools/", Map.of("name", "p")).expect(201);
        }
        assertThat(ServiceSettings.from(Map.of()).schedulerLoop().toSeconds()).isEqualTo(60);
        assertThat(ServiceSettings.from(Map.of("PREFECT_SERVER_SERVICES_LATE_RUNS_AFTER_SECONDS", "30"))
                .lateRunsAfter().toSeconds()).isEqualTo(30);
    }
}
