package io.baton.app;

import io.baton.events.EventBus;
import io.baton.events.EventPipeline;
import io.baton.http.HttpServer;
import io.baton.http.RequestGuards;
import io.baton.http.RouteModule;
import io.baton.http.routes.AdminRoutes;
import io.baton.http.routes.ArtifactRoutes;
import io.baton.http.routes.AutomationRoutes;
import io.baton.http.routes.BlockDocumentRoutes;
import io.baton.http.routes.BlockSchemaRoutes;
import io.baton.http.routes.BlockTypeRoutes;
import io.baton.http.routes.CollectionRoutes;
import io.baton.http.routes.ConcurrencyLimitV1Routes;
import io.baton.http.routes.ConcurrencyLimitV2Routes;
import io.baton.http.routes.CsrfRoutes;
import io.baton.http.routes.DeploymentRoutes;
import io.baton.http.routes.DeploymentScheduleRoutes;
import io.baton.http.routes.FlowRoutes;
import io.baton.http.routes.FlowRunInputRoutes;
import io.baton.http.routes.FlowRunRoutes;
import io.baton.http.routes.EventRoutes;
import io.baton.http.routes.FlowRunGraphRoutes;
import io.baton.http.routes.MetricsRoutes;
import io.baton.http.routes.TaskWorkerRoutes;
import io.baton.http.routes.UiRoutes;
import io.baton.http.routes.UiSettingsRoutes;
import io.baton.http.routes.FlowRoutes;
import io.baton.http.routes.LogRoutes;
import io.baton.http.routes.RootRoutes;
import io.baton.http.routes.SavedSearchRoutes;
import io.baton.http.routes.SettingsDocument;
import io.baton.http.routes.VariableRoutes;
import io.baton.http.routes.RunStateRoutes;
import io.baton.http.routes.SettingsDocument;
import io.baton.http.routes.TaskRunRoutes;
import io.baton.http.validation.OpenApiContract;
import io.baton.services.PeriodicJob;
import io.baton.services.LeaseRepossessor;
import io.baton.services.RunServiceSettings;
import io.baton.services.RunServices;
import io.baton.http.routes.WorkPoolRoutes;
import io.baton.http.routes.WorkQueueRoutes;
import io.baton.http.routes.WorkerRoutes;
import io.baton.http.routes.WorkerPollRoutes;
import io.baton.http.routes.DeploymentRunRoutes;
import io.baton.http.validation.OpenApiContract;
import io.baton.services.DeploymentScheduler;
import io.baton.services.PeriodicJobRunner;
import io.baton.services.SchedulingServices;
import io.baton.services.ServiceSettings;
import io.baton.http.ws.PrefectSocket;
import io.baton.logs.LogStream;
import io.baton.logs.LogStreamSettings;
import io.baton.storage.Database;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Baton: database, stores, background services and the HTTP server, wired together. */
public final class BatonServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatonServer.class);

    private final Settings settings;
    private final Database db;
    private final Stores stores;
    private final Javalin http;
    private final PeriodicJobRunner services;
    private final EventPipeline events;

    private BatonServer(Settings settings, Database db, Stores stores, Javalin http, PeriodicJobRunner services,
                        EventPipeline events) {
        this.settings = settings;
        this.db = db;
        this.stores = stores;
        this.http = http;
        this.services = services;
        this.events = events;
    }

    public static BatonServer start(Settings settings) {
        long started = System.nanoTime();
        // The contract (a 1.2 MB schema) parses while the database opens and migrates.
        ExecutorService loader = Executors.newSingleThreadExecutor();
        CompletableFuture<OpenApiContract> contractLoad = CompletableFuture.supplyAsync(BatonServer::loadContract, loader);
        loader.shutdown();
        Database db = Database.open(settings.database());
        EventPipeline events = null;
        try {
            db.migrate();
            long migrated = System.nanoTime();
            Stores stores = new Stores(db, settings.clock());
            SystemBlockTypes.fromClasspath().installInto(stores.blockTypes);
            OpenApiContract contract = contractLoad.join();
            log.debug("Database ready in {} ms", (migrated - started) / 1_000_000);
            RequestGuards guards = new RequestGuards(settings, stores.csrfTokens);
            events = stores.eventPipeline.start();
            LogStream logStream = new LogStream(LogStreamSettings.fromEnvironment());
            PrefectSocket sockets = new PrefectSocket(guards);
            List<RouteModule> routes = new ArrayList<>(routes(settings, stores));
            routes.add(new LogRoutes(stores.logs, logStream, sockets, settings.defaultLimit()));
            routes.add(new EventRoutes(stores.events, events, sockets));
            routes.add(new UiRoutes(stores.runViews, stores.flowRuns, stores.taskRuns, contract));
            routes.add(new UiSettingsRoutes(settings, System.getenv("PREFECT_UI_API_URL")));
            routes.add(new FlowRunGraphRoutes(stores.runViews, FlowRunGraphRoutes.GraphSettings.fromEnvironment()));
            routes.add(new TaskWorkerRoutes(stores.taskQueues, stores.taskWorkers, stores.deferredTasks, sockets));
            routes.add(new MetricsRoutes(MetricsRoutes.enabledIn(System.getenv())));
            Javalin http = HttpServer.create(settings, contract, guards, routes, config -> { });
            http.start();
            log.info("Baton {} listening on http://{}:{}/api ({}), started in {} ms", Settings.PREFECT_VERSION,
                    settings.host(), http.port(), db.url().redacted(), (System.nanoTime() - started) / 1_000_000);
            PeriodicJobRunner services = settings.servicesEnabled() ? PeriodicJobRunner.start(services(stores)) : null;
            return new BatonServer(settings, db, stores, http, services, events);
        } catch (RuntimeException e) {
            if (events != null) {
                events.close();
            }
            db.close();
            throw e;
        }
    }

    private static List<RouteModule> routes(Settings settings, Stores stores) {
        return List.of(
                new RootRoutes(stores.db),
                new CsrfRoutes(settings, stores.csrfTokens),
                new AdminRoutes(settings, stores.resultStorage, SettingsDocument.fromClasspath()),
                new FlowRoutes(stores.flows, settings),
                new BlockTypeRoutes(stores.blockTypes, stores.blockDocuments, settings,
                        () -> SystemBlockTypes.fromClasspath().installInto(stores.blockTypes)),
                new BlockSchemaRoutes(stores.blockSchemas, stores.blockTypes, settings),
                new BlockDocumentRoutes(stores.blockDocuments, settings),
                new VariableRoutes(stores.variables, settings),
                new ArtifactRoutes(stores.artifacts, settings),
                new SavedSearchRoutes(stores.savedSearches, settings),
                new CollectionRoutes(),
                new AutomationRoutes(stores.automations, settings),
                new ConcurrencyLimitV2Routes(stores.concurrencyLimits, stores.leases, settings),
                new ConcurrencyLimitV1Routes(stores.concurrencyLimits, settings),
                new FlowRunRoutes(stores.flowRuns, settings),
                new FlowRunInputRoutes(stores.flowRunInputs),
                new TaskRunRoutes(stores.taskRuns, settings),
                new RunStateRoutes(stores.flowRuns, stores.taskRuns),
                new DeploymentRoutes(stores.deployments, deploymentScheduler(stores, ServiceSettings.fromEnvironment()), settings),
                new DeploymentScheduleRoutes(stores.deployments),
                new WorkPoolRoutes(stores.workPools, stores.workQueues, settings),
                new WorkQueueRoutes(stores.workQueues, settings),
                new WorkerRoutes(stores.workers, settings),
                new WorkerPollRoutes(stores.workerPolls, settings),
                new DeploymentRunRoutes(stores.deployments, stores.flowRuns, stores.workQueues, stores.clock));
    }

    /** The background services started when services are enabled. */
    private static List<PeriodicJob> services(Stores stores) {
        ServiceSettings settings = ServiceSettings.fromEnvironment();
        List<PeriodicJob> services = new ArrayList<>(SchedulingServices.enabled(settings,
                deploymentScheduler(stores, settings), stores.scheduler, stores.workers, stores.clock));
        services.add(new LeaseRepossessor(stores.leases));
        services.addAll(RunServices.enabled(RunServiceSettings.fromEnvironment(), stores.runCleanup, stores.cancellingChecks));
        return services;
    }

    private static DeploymentScheduler deploymentScheduler(Stores stores, ServiceSettings services) {
        return new DeploymentScheduler(stores.deployments, stores.scheduler, services.scheduler(),
                services.deploymentBatchSize(), services.insertBatchSize(), stores.clock);
    }

    static OpenApiContract loadContract() {
        try (InputStream in = BatonServer.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath");
            }
            return OpenApiContract.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return http.port();
    }

    public Settings settings() {
        return settings;
    }

    public Stores stores() {
        return stores;
    }

    public Database database() {
        return db;
    }

    /** Where server-side code publishes events. */
    public EventPipeline events() {
        return events;
    }

    @Override
    public void close() {
        if (services != null) {
            services.close();
        }
        http.stop();
        events.close();
        db.close();
    }
}
