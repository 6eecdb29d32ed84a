package io.baton.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drops the test databases a JVM created on the machine's PostgreSQL, without holding up its exit. A database is
 * named after the host and process that created it. A DROP DATABASE costs seconds (PostgreSQL checkpoints), so
 * dropping a suite's hundred databases at exit kept forked JVMs alive until Surefire killed them: each JVM now
 * drops its own for a few seconds at most at exit, and whatever is left, from this JVM or one that was killed, is
 * dropped by the next test JVM on the same host, in the background, once its creator is gone.
 */
final class TestDatabaseReaper {
    private static final String PREFIX = "baton_test_";
    private static final long EXIT_BUDGET_MILLIS = 5_000;
    private static final String HOST = hostTag();
    private static final long PID = ProcessHandle.current().pid();
    private static final Pattern OWNED = Pattern.compile(PREFIX + HOST + "_(\\d+)_[0-9a-f]+");

    private final String base;
    private final List<String> created = new ArrayList<>();

    TestDatabaseReaper(String base) {
        this.base = base;
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropOwnWithinBudget, "test-database-reaper-exit"));
        Thread.ofPlatform().daemon().name("test-database-reaper").start(this::dropLeftOversOfGoneProcesses);
    }

    /** A new database name of this JVM: {@code baton_test_<host>_<pid>_<random>}. */
    static String newName() {
        return PREFIX + HOST + "_" + PID + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    synchronized void created(String name) {
        created.add(name);
    }

    private synchronized List<String> createdSoFar() {
        return List.copyOf(created);
    }

    private void dropOwnWithinBudget() {
        Thread dropping = Thread.ofPlatform().daemon().start(() -> dropAll(createdSoFar()));
        try {
            dropping.join(EXIT_BUDGET_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dropLeftOversOfGoneProcesses() {
        List<String> gone = new ArrayList<>();
        try (Connection c = connect(); var rs = c.createStatement().executeQuery(
                "SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
            while (rs.next()) {
                Matcher m = OWNED.matcher(rs.getString(1));
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    gone.add(rs.getString(1));
                }
            }
        } catch (SQLException | RuntimeException ignored) {
            return; // best effort: the next JVM tries again
        }
        dropAll(gone);
    }

    private void dropAll(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        try (Connection c = connect(); var st = c.createStatement()) {
            for (String name : names) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException ignored) {
            // best effort: what is left is dropped by a later test JVM
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(base + "postgres", "postgres", "");
    }

    /** Process ids are only meaningful on their own host: the names carry a short tag of it. */
    private static String hostTag() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return String.format("%08x", host.hashCode());
    }
}
