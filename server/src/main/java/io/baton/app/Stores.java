package io.baton.app;

import io.baton.storage.ConfigurationStore;
import io.baton.storage.CsrfTokenStore;
import io.baton.storage.Database;
import io.baton.storage.EventStore;
import io.baton.storage.FlowStore;
import io.baton.storage.LogStore;
import io.baton.storage.ResultStorageStore;
import io.baton.storage.TaskRunRecorderStore;
import io.baton.storage.jdbc.JdbcConfigurationStore;
import io.baton.storage.jdbc.JdbcCsrfTokenStore;
import io.baton.storage.jdbc.JdbcEventStore;
import io.baton.storage.jdbc.JdbcFlowStore;
import io.baton.storage.jdbc.JdbcLogStore;
import io.baton.storage.jdbc.JdbcResultStorageStore;
import io.baton.storage.jdbc.JdbcTaskRunRecorderStore;

/** Every storage interface, bound to its JDBC implementation over one database. */
public final class Stores {

    public final Database db;
    public final FlowStore flows;
    public final ConfigurationStore configuration;
    public final CsrfTokenStore csrfTokens;
    public final ResultStorageStore resultStorage;
    public final LogStore logs;
    public final TaskRunRecorderStore taskRunRecorder;
    public final EventStore events;

    public Stores(Database db) {
        this.db = db;
        this.flows = new JdbcFlowStore(db);
        this.configuration = new JdbcConfigurationStore(db);
        this.csrfTokens = new JdbcCsrfTokenStore(db);
        this.resultStorage = new JdbcResultStorageStore(db, configuration);
        this.logs = new JdbcLogStore(db);
        JdbcTaskRunRecorderStore recorder = new JdbcTaskRunRecorderStore(db);
        this.taskRunRecorder = recorder;
        this.events = new JdbcEventStore(db, recorder);
    }
}
