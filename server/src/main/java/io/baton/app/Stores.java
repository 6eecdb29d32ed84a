package io.baton.app;

import io.baton.storage.ConfigurationStore;
import io.baton.storage.CsrfTokenStore;
import io.baton.storage.Database;
import io.baton.storage.FlowRunInputStore;
import io.baton.storage.FlowRunStore;
import io.baton.storage.FlowStore;
import io.baton.storage.ResultStorageStore;
import io.baton.storage.RunEffectSinks;
import io.baton.storage.TaskRunStore;
import io.baton.storage.jdbc.JdbcConfigurationStore;
import io.baton.storage.jdbc.JdbcCsrfTokenStore;
import io.baton.storage.jdbc.JdbcFlowRunInputStore;
import io.baton.storage.jdbc.JdbcFlowRunStore;
import io.baton.storage.jdbc.JdbcFlowStore;
import io.baton.storage.jdbc.JdbcResultStorageStore;
import io.baton.storage.jdbc.JdbcTaskRunStore;
import io.baton.storage.jdbc.orchestration.NoConcurrencyLimits;

/** Every storage interface, bound to its JDBC implementation over one database. */
public final class Stores {

    public final Database db;
    public final FlowStore flows;
    public final ConfigurationStore configuration;
    public final CsrfTokenStore csrfTokens;
    public final ResultStorageStore resultStorage;
    public final FlowRunStore flowRuns;
    public final TaskRunStore taskRuns;
    public final FlowRunInputStore flowRunInputs;

    public Stores(Database db) {
        this.db = db;
        this.flows = new JdbcFlowStore(db);
        this.configuration = new JdbcConfigurationStore(db);
        this.csrfTokens = new JdbcCsrfTokenStore(db);
        this.resultStorage = new JdbcResultStorageStore(db, configuration);
        this.flowRuns = new JdbcFlowRunStore(db, NoConcurrencyLimits.INSTANCE, NoConcurrencyLimits.INSTANCE, RunEffectSinks.NONE);
        this.taskRuns = new JdbcTaskRunStore(db, NoConcurrencyLimits.INSTANCE, NoConcurrencyLimits.INSTANCE, RunEffectSinks.NONE);
        this.flowRunInputs = new JdbcFlowRunInputStore(db);
    }
}
