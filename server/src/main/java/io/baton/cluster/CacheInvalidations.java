package io.baton.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps in-memory caches of rows honest across replicas: a cache registers how to drop its contents under a
 * name, and whoever changes the rows behind it calls {@link #changed} after the commit; every replica's
 * registered invalidations of that name then run (this one's at once, the others' when the message arrives).
 */
public final class CacheInvalidations {

    private final ClusterBus bus;
    private final Map<String, List<Runnable>> caches = new ConcurrentHashMap<>();

    public CacheInvalidations(ClusterBus bus) {
        this.bus = bus;
        bus.subscribe(Topics.CACHES, this::invalidateHere);
    }

    /** {@code invalidate} runs whenever the rows behind cache {@code name} changed on any replica. */
    public void register(String name, Runnable invalidate) {
        caches.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(invalidate);
    }

    /** The rows behind cache {@code name} changed (committed): every replica drops its copy. */
    public void changed(String name) {
        invalidateHere(name);
        bus.publish(Topics.CACHES, name);
    }

    private void invalidateHere(String name) {
        for (Runnable r : caches.getOrDefault(name, List.of())) {
            r.run();
        }
    }
}
