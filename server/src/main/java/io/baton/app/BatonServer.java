package io.baton.app;

import io.baton.cluster.Cluster;
import io.baton.automations.Automations;
import io.baton.automations.actions.LoopbackApi;
import io.baton.events.EventPipeline;
import io.baton.http.Draining;
import io.baton.http.HttpServer;
import io.baton.http.RequestGuards;
import io.baton.http.ui.WebUi;
import io.baton.http.validation.OpenApiContract;
import io.baton.http.ws.PrefectSocket;
import io.baton.services.PeriodicJobRunner;
import io.baton.storage.Database;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Baton: database, stores, background services and the HTTP server, wired together. */
public final class BatonServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatonServer.class);
    /** How long a stopping server waits for in-flight requests. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final Settings settings;
    private final Database db;
    private final Stores stores;
    private final Javalin http;
    private final PeriodicJobRunner services;
    private final EventPipeline events;
    private final Cluster cluster;
    private final Draining draining;
    private final PrefectSocket sockets;
    private final Automations automations;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BatonServer(Settings settings, Database db, Stores stores, Javalin http, PeriodicJobRunner services,
                        EventPipeline events, Cluster cluster, Draining draining, PrefectSocket sockets,
                        Automations automations) {
        this.settings = settings;
        this.db = db;
        this.stores = stores;
        this.http = http;
        this.services = services;
        this.events = events;
        this.cluster = cluster;
        this.draining = draining;
        this.sockets = sockets;
        this.automations = automations;
    }

    public static BatonServer start(Settings settings) {
        return start(settings, settings.servicesEnabled());
    }

    /**
     * Starts a server; {@code automations} runs the trigger engine and the action worker (Prefect's triggers
     * and actions services, on by default with the other services).
     */
    public static BatonServer start(Settings settings, boolean automations) {
        long started = System.nanoTime();
        // The contract (a 1.2 MB schema) parses while the database opens and migrates.
        ExecutorService loader = Executors.newFixedThreadPool(2);
        CompletableFuture<OpenApiContract> contractLoad = CompletableFuture.supplyAsync(BatonServer::loadContract, loader);
        Database db = Database.open(settings.database());
        EventPipeline events = null;
        Cluster cluster = null;
        try {
            // Building the stores initialises the query layer; it touches no table, so it overlaps the migration.
            CompletableFuture<Stores> storesBuild = CompletableFuture.supplyAsync(() -> new Stores(db, settings.clock()), loader);
            loader.shutdown();
            db.migrate();
            log.debug("Database ready in {} ms", (System.nanoTime() - started) / 1_000_000);
            Stores stores = storesBuild.join();
            SystemBlockTypes.installIfChanged(stores.configuration, stores.blockTypes);
            OpenApiContract contract = contractLoad.join();
            RequestGuards guards = new RequestGuards(settings, stores.csrfTokens);
            events = stores.eventPipeline.start();
            cluster = ClusterWiring.join(db, stores, System.getenv());
            PrefectSocket sockets = new PrefectSocket(guards);
            Draining draining = new Draining();
            Javalin http = HttpServer.create(settings, contract, guards,
                    Routes.all(settings, stores, contract, guards, events, sockets, cluster),
                    config -> {
                        config.jetty.modifyServletContextHandler(context -> context.insertHandler(draining));
                        WebUi.install(config, settings, HttpServer.API_BASE);
                    });
            http.start();
            log.info("Baton {} listening on http://{}:{}/api ({}), started in {} ms", settings.prefectVersion(),
                    settings.host(), http.port(), db.url().redacted(), (System.nanoTime() - started) / 1_000_000);
            PeriodicJobRunner services = settings.servicesEnabled() ? PeriodicJobRunner.start(Services.all(settings, stores)) : null;
            Automations running = automations ? Automations.start(stores.automations, stores.automationState,
                    events.bus(), events, stores.automationChanges,
                    new LoopbackApi(settings.host(), http.port(), settings.authString(), settings.csrfProtectionEnabled()),
                    stores.clock, Automations.proactiveGranularity(System.getenv())) : null;
            return new BatonServer(settings, db, stores, http, services, events, cluster, draining, sockets, running);
        } catch (RuntimeException e) {
            loader.shutdown();
            if (events != null) {
                events.close();
            }
            if (cluster != null) {
                cluster.close();
            }
            db.close();
            throw e;
        }
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

    /** This replica's link to the others on its database (in process on SQLite). */
    public Cluster cluster() {
        return cluster;
    }

    /**
     * Stops gracefully: no new connections (a load balancer moves on to another replica), websockets closed with
     * 1012 so their clients reconnect elsewhere, in-flight requests finished (responses ask for the connection
     * to close), background services stopped (their locks released), queued events committed and relayed, then
     * the database closed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Actions call this server's API: stop them before the server stops answering.
        if (automations != null) {
            automations.close();
        }
        draining.beginDraining();
        for (Connector c : http.jettyServer().server().getConnectors()) {
            if (c instanceof NetworkConnector network) {
                network.close();
            }
        }
        int sockets = this.sockets.closeAll(PrefectSocket.SERVICE_RESTART, "Server stopping", Duration.ofSeconds(5));
        if (!draining.awaitIdle(DRAIN_TIMEOUT)) {
            log.warn("Stopping with {} requests still in flight after {}", draining.inFlight(), DRAIN_TIMEOUT);
        }
        log.info("Stopping: requests drained, {} websockets closed", sockets);
        if (services != null) {
            services.close();
        }
        http.stop();
        events.close();
        cluster.close();
        db.close();
    }
}
