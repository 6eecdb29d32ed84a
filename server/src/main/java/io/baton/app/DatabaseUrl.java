package io.baton.app;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A database location: JDBC URL plus credentials. Accepts JDBC URLs and Prefect's SQLAlchemy forms
 * ({@code postgresql+asyncpg://user:pass@host:port/db}, {@code sqlite+aiosqlite:///path}).
 */
public record DatabaseUrl(Kind kind, String jdbcUrl, String user, String password) {

    public enum Kind { SQLITE, POSTGRESQL }

    public static DatabaseUrl sqliteFile(Path file) {
        return new DatabaseUrl(Kind.SQLITE, "jdbc:sqlite:" + file.toAbsolutePath(), null, null);
    }

    public static DatabaseUrl parse(String url) {
        String u = url.trim();
        if (u.startsWith("jdbc:sqlite:")) {
            return new DatabaseUrl(Kind.SQLITE, u, null, null);
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(Kind.POSTGRESQL, u, null, null);
        }
        int schemeEnd = u.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("Unsupported database URL: " + url);
        }
        String scheme = u.substring(0, schemeEnd);
        String dialect = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        String rest = u.substring(schemeEnd + 3);
        switch (dialect) {
            case "sqlite" -> {
                // SQLAlchemy: sqlite:///relative.db and sqlite:////absolute.db
                String path = rest.startsWith("/") ? rest.substring(1) : rest;
                int q = path.indexOf('?');
                if (q >= 0) {
                    path = path.substring(0, q);
                }
                if (path.isEmpty() || path.equals(":memory:")) {
                    throw new IllegalArgumentException("In-memory SQLite is not supported; give a file path");
                }
                return new DatabaseUrl(Kind.SQLITE, "jdbc:sqlite:" + Path.of(path).toAbsolutePath(), null, null);
            }
            case "postgresql", "postgres" -> {
                URI uri = URI.create("postgresql://" + rest);
                String user = null;
                String password = null;
                String userInfo = uri.getRawUserInfo();
                if (userInfo != null) {
                    int colon = userInfo.indexOf(':');
                    user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                    password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
                }
                int port = uri.getPort() < 0 ? 5432 : uri.getPort();
                String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
                String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + db;
                return new DatabaseUrl(Kind.POSTGRESQL, jdbc, user, password);
            }
            default -> throw new IllegalArgumentException("Unsupported database URL: " + url);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL with the password hidden, for logs and /admin/settings. */
    public String redacted() {
        return jdbcUrl + (user == null ? "" : " (user " + user + ")");
    }
}
