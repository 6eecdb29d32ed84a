package io.baton.app;

import io.baton.http.HttpServer;
import io.baton.http.RequestGuards;
import io.baton.http.RouteModule;
import io.baton.http.routes.AdminRoutes;
import io.baton.http.routes.CsrfRoutes;
import io.baton.http.routes.DeploymentRoutes;
import io.baton.http.routes.DeploymentScheduleRoutes;
import io.baton.http.routes.FlowRoutes;
import io.baton.http.routes.RootRoutes;
import io.baton.http.routes.SettingsDocument;
import io.baton.http.routes.WorkPoolRoutes;
import io.baton.http.routes.WorkQueueRoutes;
import io.baton.http.routes.WorkerRoutes;
import io.baton.http.validation.OpenApiContract;
import io.baton.services.DeploymentScheduler;
import io.baton.services.PeriodicService;
import io.baton.services.SchedulingServices;
import io.baton.services.ServiceSettings;
import io.baton.storage.Database;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Baton: database, stores, background services and the HTTP server, wired together. */
public final class BatonServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatonServer.class);

    private final Settings settings;
    private final Database db;
    private final Stores stores;
    private final Javalin http;
    private PeriodicService schedulingServices;

    private BatonServer(Settings settings, Database db, Stores stores, Javalin http) {
        this.settings = settings;
        this.db = db;
        this.stores = stores;
        this.http = http;
    }

    public static BatonServer start(Settings settings) {
        long started = System.nanoTime();
        Database db = Database.open(settings.database());
        try {
            db.migrate();
            Stores stores = new Stores(db);
            OpenApiContract contract = loadContract();
            RequestGuards guards = new RequestGuards(settings, stores.csrfTokens);
            Javalin http = HttpServer.create(settings, contract, guards, routes(settings, stores), config -> { });
            http.start();
            log.info("Baton {} listening on http://{}:{}/api ({}), started in {} ms", Settings.PREFECT_VERSION,
                    settings.host(), http.port(), db.url().redacted(), (System.nanoTime() - started) / 1_000_000);
            BatonServer server = new BatonServer(settings, db, stores, http);
            if (settings.servicesEnabled()) {
                ServiceSettings services = ServiceSettings.fromEnvironment();
                server.schedulingServices = PeriodicService.start(SchedulingServices.enabled(services,
                        deploymentScheduler(stores, services), stores.scheduler, stores.workers));
            }
            return server;
        } catch (RuntimeException e) {
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
                new DeploymentRoutes(stores.deployments, deploymentScheduler(stores, ServiceSettings.fromEnvironment()), settings),
                new DeploymentScheduleRoutes(stores.deployments),
                new WorkPoolRoutes(stores.workPools, stores.workQueues, settings),
                new WorkQueueRoutes(stores.workQueues, settings),
                new WorkerRoutes(stores.workers, settings));
    }

    private static DeploymentScheduler deploymentScheduler(Stores stores, ServiceSettings services) {
        return new DeploymentScheduler(stores.deployments, stores.scheduler, services.scheduler(),
                services.deploymentBatchSize(), services.insertBatchSize());
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

    @Override
    public void close() {
        if (schedulingServices != null) {
            schedulingServices.close();
        }
        http.stop();
        db.close();
    }
}
