package io.baton.app;

import io.baton.domain.Times;
import io.baton.events.EventBus;
import io.baton.events.EventPipeline;

import io.baton.storage.ArtifactStore;
import io.baton.automations.AutomationChangeSignal;
import io.baton.storage.AutomationStateStore;
import io.baton.storage.AutomationStore;
import io.baton.storage.jdbc.automations.JdbcAutomationStateStore;
import io.baton.storage.BlockDocumentStore;
import io.baton.storage.BlockSchemaStore;
import io.baton.storage.BlockTypeStore;
import io.baton.storage.ConcurrencyLimitStore;
import io.baton.storage.ConfigurationStore;
import io.baton.storage.DeploymentStore;
import io.baton.storage.SchedulerStore;
import io.baton.storage.WorkPoolStore;
import io.baton.storage.WorkQueueStore;
import io.baton.storage.WorkerStore;
import io.baton.storage.WorkerPollStore;
import io.baton.storage.jdbc.JdbcWorkerPollStore;
import io.baton.storage.CsrfTokenStore;
import io.baton.storage.Database;
import io.baton.storage.FlowRunInputStore;
import io.baton.storage.FlowRunStore;
import io.baton.storage.FlowStore;
import io.baton.storage.LeaseStore;
import io.baton.storage.ResultStorageStore;
import io.baton.storage.SavedSearchStore;
import io.baton.storage.VariableStore;
import io.baton.storage.jdbc.JdbcArtifactStore;
import io.baton.storage.jdbc.JdbcAutomationStore;
import io.baton.storage.jdbc.JdbcBlockDocumentStore;
import io.baton.storage.jdbc.JdbcBlockSchemaStore;
import io.baton.storage.jdbc.JdbcBlockTypeStore;
import io.baton.storage.jdbc.JdbcConcurrencyLimitStore;
import io.baton.storage.RunCleanupStore;
import io.baton.storage.RunEffectSinks;
import io.baton.storage.jdbc.JdbcRunCleanupStore;
import io.baton.storage.TaskRunStore;
import io.baton.storage.jdbc.JdbcConfigurationStore;
import io.baton.storage.jdbc.JdbcCsrfTokenStore;
import io.baton.storage.jdbc.JdbcFlowRunInputStore;
import io.baton.storage.jdbc.JdbcFlowRunStore;
import io.baton.storage.jdbc.JdbcFlowStore;
import io.baton.storage.jdbc.JdbcLeaseStore;
import io.baton.storage.jdbc.JdbcResultStorageStore;
import io.baton.storage.jdbc.JdbcSavedSearchStore;
import io.baton.storage.jdbc.JdbcVariableStore;
import io.baton.storage.jdbc.JdbcTaskRunStore;
import io.baton.storage.jdbc.orchestration.SlotPorts;
import io.baton.storage.jdbc.JdbcDeploymentStore;
import io.baton.storage.jdbc.JdbcSchedulerStore;
import io.baton.storage.jdbc.JdbcWorkPoolStore;
import io.baton.storage.jdbc.JdbcWorkQueueStore;
import io.baton.storage.jdbc.JdbcWorkerStore;
import io.baton.storage.EventStore;
import io.baton.storage.RetentionStore;
import io.baton.storage.FlowStore;
import io.baton.storage.LogStore;
import io.baton.storage.ResultStorageStore;
import io.baton.storage.jdbc.JdbcConfigurationStore;
import io.baton.storage.jdbc.JdbcCsrfTokenStore;
import io.baton.storage.jdbc.EventOutbox;
import io.baton.storage.jdbc.JdbcEventStore;
import io.baton.storage.jdbc.JdbcRetentionStore;
import io.baton.storage.jdbc.JdbcFlowStore;
import io.baton.storage.jdbc.JdbcLogStore;
import io.baton.storage.jdbc.JdbcResultStorageStore;
import io.baton.storage.jdbc.JdbcTaskRunRecorderStore;

import io.baton.storage.DeferredTaskStore;
import io.baton.storage.RunViewStore;
import io.baton.storage.jdbc.JdbcDeferredTaskStore;
import io.baton.storage.jdbc.JdbcRunViewStore;
import io.baton.logs.LogStream;
import io.baton.logs.LogStreamSettings;
import io.baton.tasks.TaskQueues;
import io.baton.tasks.TaskWorkers;
import java.time.Clock;

/** Every storage interface, bound to its JDBC implementation over one database. */
public final class Stores {

    public final Database db;
    public final Clock clock;
    public final FlowStore flows;
    public final ConfigurationStore configuration;
    public final CsrfTokenStore csrfTokens;
    public final ResultStorageStore resultStorage;
    public final BlockTypeStore blockTypes;
    public final BlockSchemaStore blockSchemas;
    public final BlockDocumentStore blockDocuments;
    public final VariableStore variables;
    public final ArtifactStore artifacts;
    public final SavedSearchStore savedSearches;
    public final AutomationStore automations;
    public final AutomationStateStore automationState;
    /** Automation changes made through this process, for its trigger engine. */
    public final AutomationChangeSignal automationChanges = new AutomationChangeSignal();
    public final ConcurrencyLimitStore concurrencyLimits;
    public final LeaseStore leases;
    public final FlowRunStore flowRuns;
    public final TaskRunStore taskRuns;
    public final FlowRunInputStore flowRunInputs;
    public final DeploymentStore deployments;
    public final WorkPoolStore workPools;
    public final WorkQueueStore workQueues;
    public final WorkerStore workers;
    public final WorkerPollStore workerPolls;
    public final SchedulerStore scheduler;
    public final LogStore logs;
    public final EventStore events;
    public final RetentionStore retention;
    /** Where accepted CANCELLING states ask for a timeout check (the cancellation-cleanup service, when running). */
    public final RunEffectSinks.CancellingChecksRelay cancellingChecks = new RunEffectSinks.CancellingChecksRelay();
    public final RunCleanupStore runCleanup;
    public final RunViewStore runViews;
    public final DeferredTaskStore deferredTasks;
    /** Deferred task runs waiting for delivery to task workers, and the task workers connected here. */
    public final TaskQueues taskQueues = new TaskQueues();
    public final TaskWorkers taskWorkers = new TaskWorkers();
    /** Live {@code /logs/out} subscribers and the log streaming settings. */
    public final LogStream logStream = new LogStream(LogStreamSettings.fromEnvironment());
    /** Where stores put the server's own events: into the change's transaction, delivered after its commit. */
    public final EventOutbox outbox;
    /** The event pipeline (not started): persistence, the task run recorder, live subscribers. */
    public final EventPipeline eventPipeline;

    public Stores(Database db) {
        this(db, Times.CLOCK);
    }

    /** {@code clock} is the server's "now" where it decides an outcome (orchestration, polling, scheduling). */
    public Stores(Database db, Clock clock) {
        this.db = db;
        this.outbox = new EventOutbox(db);
        this.clock = clock;
        this.flows = new JdbcFlowStore(db, outbox);
        this.configuration = new JdbcConfigurationStore(db);
        this.csrfTokens = new JdbcCsrfTokenStore(db);
        this.resultStorage = new JdbcResultStorageStore(db, configuration);
        this.blockTypes = new JdbcBlockTypeStore(db);
        this.blockSchemas = new JdbcBlockSchemaStore(db);
        this.blockDocuments = new JdbcBlockDocumentStore(db, outbox, System.getenv("PREFECT_SERVER_ENCRYPTION_KEY"));
        this.variables = new JdbcVariableStore(db, outbox);
        this.artifacts = new JdbcArtifactStore(db, outbox);
        this.savedSearches = new JdbcSavedSearchStore(db);
        this.automations = new JdbcAutomationStore(db);
        this.automationState = new JdbcAutomationStateStore(db, clock);
        this.concurrencyLimits = new JdbcConcurrencyLimitStore(db, outbox,
                io.baton.domain.concurrency.SlotDecay.DEFAULT_MAX_WAIT_SECONDS);
        this.leases = new JdbcLeaseStore(db);
        this.logs = new JdbcLogStore(db);
        this.events = new JdbcEventStore(db, new JdbcTaskRunRecorderStore());
        this.retention = new JdbcRetentionStore(db);
        // The server's own events are stored with their changes and delivered by the pipeline after the commit.
        this.eventPipeline = new EventPipeline(events, new EventBus());
        this.outbox.attach(eventPipeline);
        RunEffectSinks sinks = new RunEffectSinks(eventPipeline, taskQueues, cancellingChecks);
        this.flowRuns = new JdbcFlowRunStore(db, SlotPorts.DATABASE, sinks, clock);
        this.taskRuns = new JdbcTaskRunStore(db, SlotPorts.DATABASE, sinks, clock);
        this.runCleanup = new JdbcRunCleanupStore(db, SlotPorts.DATABASE, sinks, clock);
        this.flowRunInputs = new JdbcFlowRunInputStore(db);
        this.deployments = new JdbcDeploymentStore(db, outbox);
        this.workPools = new JdbcWorkPoolStore(db, outbox);
        this.workQueues = new JdbcWorkQueueStore(db, outbox);
        this.workers = new JdbcWorkerStore(db, outbox);
        this.workerPolls = new JdbcWorkerPollStore(db, workQueues);
        this.scheduler = new JdbcSchedulerStore(db);
        this.runViews = new JdbcRunViewStore(db);
        this.deferredTasks = new JdbcDeferredTaskStore(db);
    }
}
