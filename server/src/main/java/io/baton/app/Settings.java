package io.baton.app;

import io.baton.domain.Times;
import io.baton.services.DbVacuumSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Server settings, read from the environment under Prefect's own setting names so that an existing
 * Prefect deployment configuration carries over unchanged.
 */
public record Settings(
        String host,
        int port,
        DatabaseUrl database,
        int defaultLimit,
        String authString,
        boolean csrfProtectionEnabled,
        Duration csrfTokenExpiration,
        boolean servicesEnabled,
        Path home,
        long maxParameterSize,
        Clock clock,
        String prefectVersion,
        Ui ui,
        DbVacuumSettings dbVacuum) {

    /** The Prefect release {@code /admin/version} reports; clients compare their own version with it. */
    public static final String PREFECT_VERSION = "3.8.3";
    public static final String API_VERSION = "0.8.4";

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static Settings from(Map<String, String> env) {
        Path home = Path.of(first(env, System.getProperty("user.home") + "/.baton", "BATON_HOME"));
        String dbUrl = first(env, null,
                "PREFECT_SERVER_DATABASE_CONNECTION_URL", "PREFECT_API_DATABASE_CONNECTION_URL");
        DatabaseUrl database = dbUrl == null || dbUrl.isBlank()
                ? DatabaseUrl.sqliteFile(home.resolve("baton.db"))
                : DatabaseUrl.parse(dbUrl);
        return new Settings(
                first(env, "127.0.0.1", "PREFECT_SERVER_API_HOST"),
                Integer.parseInt(first(env, "4200", "PREFECT_SERVER_API_PORT")),
                database,
                Integer.parseInt(first(env, "200", "PREFECT_SERVER_API_DEFAULT_LIMIT", "PREFECT_API_DEFAULT_LIMIT")),
                emptyToNull(first(env, null, "PREFECT_SERVER_API_AUTH_STRING", "PREFECT_API_AUTH_STRING")),
                parseBoolean(first(env, "false",
                        "PREFECT_SERVER_API_CSRF_PROTECTION_ENABLED", "PREFECT_SERVER_CSRF_PROTECTION_ENABLED")),
                parseDuration(first(env, "3600",
                        "PREFECT_SERVER_API_CSRF_TOKEN_EXPIRATION", "PREFECT_SERVER_CSRF_TOKEN_EXPIRATION")),
                true,
                home,
                Long.parseLong(first(env, "524288", "PREFECT_SERVER_API_MAX_PARAMETER_SIZE")),
                Times.CLOCK,
                first(env, PREFECT_VERSION, "BATON_PREFECT_VERSION"),
                Ui.from(env),
                DbVacuumSettings.from(env));
    }

    public Settings withListen(String host, int port) {
        return new Settings(host, port, database, defaultLimit, authString, csrfProtectionEnabled,
                csrfTokenExpiration, servicesEnabled, home, maxParameterSize, clock, prefectVersion, ui, dbVacuum);
    }

    public Settings withServices(boolean enabled) {
        return new Settings(host, port, database, defaultLimit, authString, csrfProtectionEnabled,
                csrfTokenExpiration, enabled, home, maxParameterSize, clock, prefectVersion, ui, dbVacuum);
    }

    public Settings withDatabase(DatabaseUrl url) {
        return new Settings(host, port, url, defaultLimit, authString, csrfProtectionEnabled,
                csrfTokenExpiration, servicesEnabled, home, maxParameterSize, clock, prefectVersion, ui, dbVacuum);
    }

    public Settings withAuthString(String auth) {
        return new Settings(host, port, database, defaultLimit, auth, csrfProtectionEnabled,
                csrfTokenExpiration, servicesEnabled, home, maxParameterSize, clock, prefectVersion, ui, dbVacuum);
    }

    public Settings withCsrfProtection(boolean enabled) {
        return new Settings(host, port, database, defaultLimit, authString, enabled,
                csrfTokenExpiration, servicesEnabled, home, maxParameterSize, clock, prefectVersion, ui, dbVacuum);
    }

    /** The server's notion of "now" wherever it decides an outcome (orchestration, scheduling, polling). */
    public Settings withClock(Clock clock) {
        return new Settings(host, port, database, defaultLimit, authString, csrfProtectionEnabled,
                csrfTokenExpiration, servicesEnabled, home, maxParameterSize, clock, prefectVersion, ui, dbVacuum);
    }

    /** Retention ({@code db_vacuum}): what is deleted, and when. */
    public Settings withDbVacuum(DbVacuumSettings vacuum) {
        return new Settings(host, port, database, defaultLimit, authString, csrfProtectionEnabled,
                csrfTokenExpiration, servicesEnabled, home, maxParameterSize, clock, prefectVersion, ui, vacuum);
    }

    public Settings withUi(Ui ui) {
        return new Settings(host, port, database, defaultLimit, authString, csrfProtectionEnabled,
                csrfTokenExpiration, servicesEnabled, home, maxParameterSize, clock, prefectVersion, ui, dbVacuum);
    }

    /**
     * The web UI: whether it is served, under which base path, the API URL it is told to call, and an optional
     * directory holding another bundle (such as the {@code prefect/server/ui} of an installed Prefect) to serve
     * instead of the one packed into the jar.
     */
    public record Ui(boolean enabled, String serveBase, String apiUrl, Path staticDirectory) {

        public static final String DEFAULT_API_URL = "/api";

        public static Ui from(Map<String, String> env) {
            String directory = first(env, null, "PREFECT_UI_STATIC_DIRECTORY", "PREFECT_SERVER_UI_STATIC_DIRECTORY");
            String apiUrl = first(env, null, "PREFECT_UI_API_URL", "PREFECT_SERVER_UI_API_URL");
            return new Ui(
                    parseBoolean(first(env, "true", "PREFECT_UI_ENABLED", "PREFECT_SERVER_UI_ENABLED")),
                    normalizeBase(first(env, "/", "PREFECT_UI_SERVE_BASE", "PREFECT_SERVER_UI_SERVE_BASE")),
                    apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl,
                    directory == null || directory.isBlank() ? null : Path.of(directory));
        }

        public Ui withEnabled(boolean on) {
            return new Ui(on, serveBase, apiUrl, staticDirectory);
        }

        /** {@code ""} for the root, else {@code /segment...} without a trailing slash. */
        static String normalizeBase(String base) {
            String trimmed = base.strip().replaceAll("/+$", "");
            if (trimmed.isEmpty()) {
                return "";
            }
            return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
        }
    }

    private static String first(Map<String, String> env, String fallback, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null) {
                return value.trim();
            }
        }
        return fallback;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static boolean parseBoolean(String s) {
        return switch (s.toLowerCase()) {
            case "1", "true", "yes", "on", "t", "y" -> true;
            default -> false;
        };
    }

    /** Prefect accepts seconds ("3600") or short forms ("1h", "30m", "7d"). */
    static Duration parseDuration(String s) {
        String v = s.trim().toLowerCase();
        if (v.isEmpty()) {
            return Duration.ZERO;
        }
        char unit = v.charAt(v.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        }
        double n = Double.parseDouble(v.substring(0, v.length() - 1));
        long seconds = switch (unit) {
            case 's' -> (long) n;
            case 'm' -> (long) (n * 60);
            case 'h' -> (long) (n * 3600);
            case 'd' -> (long) (n * 86400);
            default -> throw new IllegalArgumentException("Unknown duration: " + s);
        };
        return Duration.ofSeconds(seconds);
    }
}
