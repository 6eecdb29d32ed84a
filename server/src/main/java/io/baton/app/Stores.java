package io.baton.app;

import io.baton.storage.ConfigurationStore;
import io.baton.storage.DeploymentStore;
import io.baton.storage.SchedulerStore;
import io.baton.storage.WorkPoolStore;
import io.baton.storage.WorkQueueStore;
import io.baton.storage.WorkerStore;
import io.baton.storage.CsrfTokenStore;
import io.baton.storage.Database;
import io.baton.storage.FlowStore;
import io.baton.storage.ResultStorageStore;
import io.baton.storage.jdbc.JdbcConfigurationStore;
import io.baton.storage.jdbc.JdbcCsrfTokenStore;
import io.baton.storage.jdbc.JdbcFlowStore;
import io.baton.storage.jdbc.JdbcResultStorageStore;
import io.baton.storage.jdbc.JdbcDeploymentStore;
import io.baton.storage.jdbc.JdbcSchedulerStore;
import io.baton.storage.jdbc.JdbcWorkPoolStore;
import io.baton.storage.jdbc.JdbcWorkQueueStore;
import io.baton.storage.jdbc.JdbcWorkerStore;

/** Every storage interface, bound to its JDBC implementation over one database. */
public final class Stores {

    public final Database db;
    public final FlowStore flows;
    public final ConfigurationStore configuration;
    public final CsrfTokenStore csrfTokens;
    public final ResultStorageStore resultStorage;
    public final DeploymentStore deployments;
    public final WorkPoolStore workPools;
    public final WorkQueueStore workQueues;
    public final WorkerStore workers;
    public final SchedulerStore scheduler;

    public Stores(Database db) {
        this.db = db;
        this.flows = new JdbcFlowStore(db);
        this.configuration = new JdbcConfigurationStore(db);
        this.csrfTokens = new JdbcCsrfTokenStore(db);
        this.resultStorage = new JdbcResultStorageStore(db, configuration);
        this.deployments = new JdbcDeploymentStore(db);
        this.workPools = new JdbcWorkPoolStore(db);
        this.workQueues = new JdbcWorkQueueStore(db);
        this.workers = new JdbcWorkerStore(db);
        this.scheduler = new JdbcSchedulerStore(db);
    }
}
