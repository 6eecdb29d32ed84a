package io.baton.testing;

import io.baton.app.BatonServer;
import io.baton.app.Settings;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * In-process Baton servers on random ports. {@link #shared} gives one long-lived server per database
 * kind for tests that create uniquely named objects; {@link #fresh} a new server on a new database.
 */
public final class TestServers {

    private static final Map<DbKind, BatonServer> SHARED = new EnumMap<>(DbKind.class);
    private static final Map<DbKind, BatonServer> SHARED_AUTOMATIONS = new EnumMap<>(DbKind.class);

    private TestServers() {}

    public static synchronized BatonServer shared(DbKind kind) {
        return SHARED.computeIfAbsent(kind, k -> {
            BatonServer server = fresh(k, UnaryOperator.identity());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            return server;
        });
    }

    /** A long-lived server per database kind whose trigger engine and action worker run. */
    public static synchronized BatonServer sharedWithAutomations(DbKind kind) {
        return SHARED_AUTOMATIONS.computeIfAbsent(kind, k -> {
            BatonServer server = freshWithAutomations(k, UnaryOperator.identity());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            return server;
        });
    }

    /** A new server (other background services off) whose automations fire. */
    public static BatonServer freshWithAutomations(DbKind kind, UnaryOperator<Settings> customize) {
        Settings settings = Settings.from(Map.of())
                .withDatabase(TestDatabases.fresh(kind))
                .withListen("127.0.0.1", 0)
                .withServices(false);
        return BatonServer.start(customize.apply(settings), true);
    }

    public static BatonServer fresh(DbKind kind, UnaryOperator<Settings> customize) {
        Settings settings = Settings.from(Map.of())
                .withDatabase(TestDatabases.fresh(kind))
                .withListen("127.0.0.1", 0)
                .withServices(false);
        return BatonServer.start(customize.apply(settings));
    }
}
