package io.baton.app;

import io.baton.storage.ConcurrencyLimitStore;
import io.baton.storage.ConfigurationStore;
import io.baton.storage.CsrfTokenStore;
import io.baton.storage.Database;
import io.baton.storage.FlowStore;
import io.baton.storage.LeaseStore;
import io.baton.storage.ResultStorageStore;
import io.baton.storage.jdbc.JdbcConcurrencyLimitStore;
import io.baton.storage.jdbc.JdbcConfigurationStore;
import io.baton.storage.jdbc.JdbcCsrfTokenStore;
import io.baton.storage.jdbc.JdbcFlowStore;
import io.baton.storage.jdbc.JdbcLeaseStore;
import io.baton.storage.jdbc.JdbcResultStorageStore;

/** Every storage interface, bound to its JDBC implementation over one database. */
public final class Stores {

    public final Database db;
    public final FlowStore flows;
    public final ConfigurationStore configuration;
    public final CsrfTokenStore csrfTokens;
    public final ResultStorageStore resultStorage;
    public final ConcurrencyLimitStore concurrencyLimits;
    public final LeaseStore leases;

    public Stores(Database db) {
        this.db = db;
        this.flows = new JdbcFlowStore(db);
        this.configuration = new JdbcConfigurationStore(db);
        this.csrfTokens = new JdbcCsrfTokenStore(db);
        this.resultStorage = new JdbcResultStorageStore(db, configuration);
        this.concurrencyLimits = new JdbcConcurrencyLimitStore(db);
        this.leases = new JdbcLeaseStore(db);
    }
}
