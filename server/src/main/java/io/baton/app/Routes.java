package io.baton.app;

import io.baton.events.EventPipeline;
import io.baton.http.RequestGuards;
import io.baton.http.RouteModule;
import io.baton.http.routes.AdminRoutes;
import io.baton.http.routes.ArtifactRoutes;
import io.baton.http.routes.AdminDatabaseRoutes;
import io.baton.http.routes.AutomationRoutes;
import io.baton.http.routes.NotificationPolicyRoutes;
import io.baton.storage.jdbc.JdbcDatabaseAdmin;
import io.baton.http.routes.BlockDocumentRoutes;
import io.baton.http.routes.BlockSchemaRoutes;
import io.baton.http.routes.BlockTypeRoutes;
import io.baton.http.routes.CollectionRoutes;
import io.baton.http.routes.ConcurrencyLimitV1Routes;
import io.baton.http.routes.ConcurrencyLimitV2Routes;
import io.baton.http.routes.CsrfRoutes;
import io.baton.http.routes.DeploymentRoutes;
import io.baton.http.routes.DeploymentRunRoutes;
import io.baton.http.routes.DeploymentScheduleRoutes;
import io.baton.http.routes.EventRoutes;
import io.baton.http.routes.FlowRoutes;
import io.baton.http.routes.FlowRunGraphRoutes;
import io.baton.http.routes.FlowRunInputRoutes;
import io.baton.http.routes.FlowRunRoutes;
import io.baton.http.routes.LogRoutes;
import io.baton.http.routes.MetricsRoutes;
import io.baton.http.routes.RootRoutes;
import io.baton.http.routes.RunStateRoutes;
import io.baton.http.routes.SavedSearchRoutes;
import io.baton.http.routes.SettingsDocument;
import io.baton.http.routes.TaskRunRoutes;
import io.baton.http.routes.TaskWorkerRoutes;
import io.baton.http.routes.UiRoutes;
import io.baton.http.routes.UiSettingsRoutes;
import io.baton.http.routes.VariableRoutes;
import io.baton.http.routes.WorkPoolRoutes;
import io.baton.http.routes.WorkQueueRoutes;
import io.baton.http.routes.WorkerPollRoutes;
import io.baton.http.routes.WorkerRoutes;
import io.baton.http.validation.OpenApiContract;
import io.baton.http.ws.PrefectSocket;
import io.baton.logs.LogStream;
import io.baton.logs.LogStreamSettings;
import io.baton.services.ServiceSettings;
import java.util.List;

/** Every route module of the API, one per capability, bound to the stores. */
final class Routes {

    private Routes() {}

    static List<RouteModule> all(Settings settings, Stores stores, OpenApiContract contract, RequestGuards guards,
                                 EventPipeline events) {
        PrefectSocket sockets = new PrefectSocket(guards);
        return List.of(
                new RootRoutes(stores.db),
                new CsrfRoutes(settings, stores.csrfTokens),
                new AdminRoutes(settings, stores.resultStorage, SettingsDocument.fromClasspath()),
                new MetricsRoutes(MetricsRoutes.enabledIn(System.getenv())),
                new UiSettingsRoutes(settings, System.getenv("PREFECT_UI_API_URL")),
                // flows and runs
                new FlowRoutes(stores.flows, settings),
                new FlowRunRoutes(stores.flowRuns, settings),
                new FlowRunInputRoutes(stores.flowRunInputs),
                new FlowRunGraphRoutes(stores.runViews, FlowRunGraphRoutes.GraphSettings.fromEnvironment()),
                new TaskRunRoutes(stores.taskRuns, settings),
                new RunStateRoutes(stores.flowRuns, stores.taskRuns),
                new TaskWorkerRoutes(stores.taskQueues, stores.taskWorkers, stores.deferredTasks, sockets),
                new LogRoutes(stores.logs, new LogStream(LogStreamSettings.fromEnvironment()), sockets,
                        settings.defaultLimit()),
                new EventRoutes(stores.events, events, sockets),
                // deployments, work pools and workers
                new DeploymentRoutes(stores.deployments,
                        Services.deploymentScheduler(stores, ServiceSettings.fromEnvironment()), settings),
                new DeploymentScheduleRoutes(stores.deployments),
                new DeploymentRunRoutes(stores.deployments, stores.flowRuns, stores.workQueues, stores.clock),
                new WorkPoolRoutes(stores.workPools, stores.workQueues, settings),
                new WorkQueueRoutes(stores.workQueues, settings),
                new WorkerRoutes(stores.workers, settings),
                new WorkerPollRoutes(stores.workerPolls, settings),
                // concurrency
                new ConcurrencyLimitV2Routes(stores.concurrencyLimits, stores.leases, settings),
                new ConcurrencyLimitV1Routes(stores.concurrencyLimits, settings),
                // blocks, variables, artifacts and the rest
                new BlockTypeRoutes(stores.blockTypes, stores.blockDocuments, settings,
                        () -> SystemBlockTypes.fromClasspath().installInto(stores.blockTypes)),
                new BlockSchemaRoutes(stores.blockSchemas, stores.blockTypes, settings),
                new BlockDocumentRoutes(stores.blockDocuments, settings),
                new VariableRoutes(stores.variables, settings),
                new ArtifactRoutes(stores.artifacts, settings),
                new SavedSearchRoutes(stores.savedSearches, settings),
                new CollectionRoutes(),
                new AutomationRoutes(stores.automations, settings),
                new NotificationPolicyRoutes(stores.automations),
                new AdminDatabaseRoutes(new JdbcDatabaseAdmin(stores.db,
                        () -> SystemBlockTypes.fromClasspath().installInto(stores.blockTypes))),
                new UiRoutes(stores.runViews, stores.flowRuns, stores.taskRuns, contract));
    }
}
