package io.baton.testing;

import io.baton.app.BatonServer;
import io.baton.app.DatabaseUrl;
import io.baton.app.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Several Baton servers in this JVM on one fresh PostgreSQL database, each on its own random port: the replicas
 * of a deployment behind a load balancer. Services are off (as in {@link TestServers}).
 */
public final class Replicas implements AutoCloseable {

    private final DatabaseUrl database;
    private final List<BatonServer> servers = new ArrayList<>();

    private Replicas(DatabaseUrl database) {
        this.database = database;
    }

    public static Replicas start(int count) {
        Replicas r = new Replicas(TestDatabases.postgres());
        for (int i = 0; i < count; i++) {
            r.servers.add(r.startOne());
        }
        return r;
    }

    private BatonServer startOne() {
        return BatonServer.start(Settings.from(Map.of()).withDatabase(database).withListen("127.0.0.1", 0)
                .withServices(false));
    }

    public synchronized BatonServer get(int i) {
        return servers.get(i);
    }

    public synchronized int size() {
        return servers.size();
    }

    /** The replicas' ports, for a client playing load balancer. */
    public synchronized List<Integer> ports() {
        return servers.stream().map(BatonServer::port).toList();
    }

    /** Stops replica {@code i} gracefully and starts a new one (new port) in its place. */
    public void restart(int i) {
        BatonServer old;
        synchronized (this) {
            old = servers.get(i);
        }
        old.close();
        BatonServer fresh = startOne();
        synchronized (this) {
            servers.set(i, fresh);
        }
    }

    @Override
    public synchronized void close() {
        servers.forEach(BatonServer::close);
    }
}
