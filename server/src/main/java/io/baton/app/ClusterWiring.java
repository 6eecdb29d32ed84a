package io.baton.app;

import io.baton.cluster.CacheInvalidations;
import io.baton.cluster.Cluster;
import io.baton.cluster.ClusterRelays;
import io.baton.cluster.PostgresClusterBus;
import io.baton.storage.Database;
import io.baton.storage.jdbc.JdbcTaskDeliveryClaimStore;
import io.baton.tasks.DeliveryClaims;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Joins this server to the other replicas of its PostgreSQL database (on SQLite it is alone). The bus opens two
 * connections of its own to {@code BATON_CLUSTER_DATABASE_URL} when set (a direct URL, for deployments whose main
 * URL goes through a transaction-mode PgBouncer, where LISTEN does not work), otherwise to the main database URL.
 */
final class ClusterWiring {

    static final String DIRECT_URL = "BATON_CLUSTER_DATABASE_URL";

    private ClusterWiring() {}

    static Cluster join(Database db, Stores stores, Map<String, String> env) {
        if (db.isSqlite()) {
            return Cluster.alone();
        }
        String direct = env.get(DIRECT_URL);
        DatabaseUrl url = direct == null || direct.isBlank() ? db.url() : DatabaseUrl.parse(direct.trim());
        PostgresClusterBus bus = new PostgresClusterBus(() -> connect(url)).start();
        ClusterRelays.connect(bus, stores.eventPipeline.bus(), stores.logStream, stores.taskQueues, stores.taskWorkers);
        return new Cluster(bus, DeliveryClaims.shared(new JdbcTaskDeliveryClaimStore(db), bus.node()),
                new CacheInvalidations(bus));
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        Properties p = new Properties();
        if (url.user() != null) {
            p.setProperty("user", url.user());
        }
        if (url.password() != null) {
            p.setProperty("password", url.password());
        }
        p.setProperty("ApplicationName", "baton-cluster");
        p.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url.jdbcUrl(), p);
    }
}
