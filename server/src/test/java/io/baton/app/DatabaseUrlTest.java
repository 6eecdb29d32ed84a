package io.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void prefectPostgresForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql+asyncpg://user:p%40ss@db.local:5433/prefect");
        assertThat(url.kind()).isEqualTo(DatabaseUrl.Kind.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:5433/prefect");
        assertThat(url.user()).isEqualTo("user");
        assertThat(url.password()).isEqualTo("p@ss");
    }

    @Test
    void prefectSqliteForms() {
        assertThat(DatabaseUrl.parse("sqlite+aiosqlite:////var/lib/baton/x.db").jdbcUrl())
                .isEqualTo("jdbc:sqlite:/var/lib/baton/x.db");
        assertThat(DatabaseUrl.parse("sqlite+aiosqlite:///x.db").jdbcUrl())
                .isEqualTo("jdbc:sqlite:" + Path.of("x.db").toAbsolutePath());
        assertThatThrownBy(() -> DatabaseUrl.parse("sqlite+aiosqlite:///:memory:"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jdbcUrlsPassThrough() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db").kind()).isEqualTo(DatabaseUrl.Kind.POSTGRESQL);
        assertThat(DatabaseUrl.parse("jdbc:sqlite:/tmp/a.db").kind()).isEqualTo(DatabaseUrl.Kind.SQLITE);
    }

    @Test
    void settingsUsePrefectNames() {
        Settings s = Settings.from(Map.of(
                "PREFECT_SERVER_API_HOST", "0.0.0.0",
                "PREFECT_SERVER_API_PORT", "4300",
                "PREFECT_API_DATABASE_CONNECTION_URL", "postgresql+asyncpg://u@h/d",
                "PREFECT_SERVER_API_DEFAULT_LIMIT", "50",
                "PREFECT_SERVER_API_AUTH_STRING", "a:b",
                "PREFECT_SERVER_CSRF_PROTECTION_ENABLED", "true",
                "PREFECT_SERVER_API_CSRF_TOKEN_EXPIRATION", "30m",
                "BATON_HOME", "/tmp/bh"));
        assertThat(s.host()).isEqualTo("0.0.0.0");
        assertThat(s.port()).isEqualTo(4300);
        assertThat(s.database().kind()).isEqualTo(DatabaseUrl.Kind.POSTGRESQL);
        assertThat(s.defaultLimit()).isEqualTo(50);
        assertThat(s.authString()).isEqualTo("a:b");
        assertThat(s.csrfProtectionEnabled()).isTrue();
        assertThat(s.csrfTokenExpiration()).isEqualTo(Duration.ofMinutes(30));
        Settings defaults = Settings.from(Map.of("BATON_HOME", "/tmp/bh"));
        assertThat(defaults.database().jdbcUrl()).isEqualTo("jdbc:sqlite:/tmp/bh/baton.db");
        assertThat(defaults.port()).isEqualTo(4200);
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
    }
}
