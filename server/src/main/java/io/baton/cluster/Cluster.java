package io.baton.cluster;

import io.baton.tasks.DeliveryClaims;

/**
 * This replica's link to the others on the same database: the message bus, the task-delivery claims and the
 * cache invalidations. Alone on a database (SQLite) every part stays in process.
 */
public record Cluster(ClusterBus bus, DeliveryClaims deliveryClaims, CacheInvalidations caches) implements AutoCloseable {

    public static Cluster alone() {
        return new Cluster(ClusterBus.LOCAL, DeliveryClaims.local(), new CacheInvalidations(ClusterBus.LOCAL));
    }

    @Override
    public void close() {
        bus.close();
    }
}
