package io.baton.cluster;

import java.util.function.Consumer;

/**
 * Messages between the replicas that share one database. A message published here reaches the subscribers of
 * its topic on every OTHER replica, in the order this replica published it, once each; the publishing replica
 * delivers to its own subscribers itself, in process. Delivery is best effort after the publisher's commit:
 * what must never be lost stays in the database and is caught up from there (task runs), or was already
 * committed (events, logs) and only misses a live stream while a replica's listener reconnects.
 */
public interface ClusterBus extends AutoCloseable {

    /** Hands {@code message} over for delivery to the other replicas; never waits for the database. */
    void publish(String topic, String message);

    /** Where messages of {@code topic} from other replicas go (called on the bus's thread; must not block long). */
    void subscribe(String topic, Consumer<String> handler);

    /** Whether other replicas can exist (false on SQLite: one process owns the file). */
    boolean distributed();

    @Override
    void close();

    /** One process alone on its database: nothing to relay, no cost. */
    ClusterBus LOCAL = new ClusterBus() {
        @Override
        public void publish(String topic, String message) {
        }

        @Override
        public void subscribe(String topic, Consumer<String> handler) {
        }

        @Override
        public boolean distributed() {
            return false;
        }

        @Override
        public void close() {
        }
    };
}
