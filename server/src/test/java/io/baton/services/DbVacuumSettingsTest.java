package io.baton.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DbVacuumSettingsTest {

    @Test
    void prefectsDefaults() {
        DbVacuumSettings s = DbVacuumSettings.defaults();
        assertThat(s.eventsEnabled()).isTrue();
        assertThat(s.flowRunsEnabled()).isFalse();
        assertThat(s.loop()).isEqualTo(Duration.ofHours(1));
        assertThat(s.eventsRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(s.flowRunRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(s.batchSize()).isEqualTo(200);
        assertThat(s.retentionOf("prefect.flow-run.heartbeat")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void enabledAcceptsCommasJsonAndBooleans() {
        assertThat(DbVacuumSettings.enabledSet("events,flow_runs")).containsExactlyInAnyOrder("events", "flow_runs");
        assertThat(DbVacuumSettings.enabledSet("[\"flow_runs\"]")).containsExactly("flow_runs");
        assertThat(DbVacuumSettings.enabledSet("true")).containsExactlyInAnyOrder("events", "flow_runs");
        assertThat(DbVacuumSettings.enabledSet("false")).containsExactly("events");
        assertThat(DbVacuumSettings.enabledSet("")).containsExactly("events");
        assertThatThrownBy(() -> DbVacuumSettings.enabledSet("logs")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsInSecondsOrIso8601AndOverridesCappedByTheEventsRetention() {
        DbVacuumSettings s = DbVacuumSettings.from(Map.of(
                "PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED", "events,flow_runs",
                "PREFECT_SERVER_EVENTS_RETENTION_PERIOD", "P2D",
                "PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD", "86400",
                "PREFECT_SERVER_SERVICES_DB_VACUUM_LOOP_SECONDS", "30.5",
                "PREFECT_SERVER_SERVICES_DB_VACUUM_EVENT_RETENTION_OVERRIDES",
                "{\"a.noisy\": 3600, \"a.kept\": \"P30D\"}"));
        assertThat(s.flowRunsEnabled()).isTrue();
        assertThat(s.eventsRetention()).isEqualTo(Duration.ofDays(2));
        assertThat(s.flowRunRetention()).isEqualTo(Duration.ofDays(1));
        assertThat(s.loop()).isEqualTo(Duration.ofMillis(30_500));
        assertThat(s.retentionOf("a.noisy")).isEqualTo(Duration.ofHours(1));
        assertThat(s.retentionOf("a.kept")).isEqualTo(Duration.ofDays(2));
        assertThat(s.retentionOf("other")).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> DbVacuumSettings.overrides("[1]")).isInstanceOf(IllegalArgumentException.class);
    }
}
