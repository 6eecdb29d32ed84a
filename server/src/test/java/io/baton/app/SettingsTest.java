package io.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void prefectVersionDefaultsToTheSupportedReleaseAndIsOneSetting() {
        assertThat(Settings.from(Map.of()).prefectVersion()).isEqualTo("3.8.3");
        Settings later = Settings.from(Map.of("BATON_PREFECT_VERSION", " 3.9.0 "));
        assertThat(later.prefectVersion()).isEqualTo("3.9.0");
        assertThat(later.withListen("127.0.0.1", 0).withServices(false).prefectVersion()).isEqualTo("3.9.0");
    }
}
