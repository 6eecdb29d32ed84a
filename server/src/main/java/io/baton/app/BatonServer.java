package io.baton.app;

import io.baton.events.EventPipeline;
import io.baton.http.HttpServer;
import io.baton.http.RequestGuards;
import io.baton.http.validation.OpenApiContract;
import io.baton.services.PeriodicJobRunner;
import io.baton.storage.Database;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
        ExecutorService loader = Executors.newFixedThreadPool(2);
        CompletableFuture<OpenApiContract> contractLoad = CompletableFuture.supplyAsync(BatonServer::loadContract, loader);
        Database db = Database.open(settings.database());
        EventPipeline events = null;
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
            Javalin http = HttpServer.create(settings, contract, guards,
                    Routes.all(settings, stores, contract, guards, events), config -> { });
            http.start();
            log.info("Baton {} listening on http://{}:{}/api ({}), started in {} ms", Settings.PREFECT_VERSION,
                    settings.host(), http.port(), db.url().redacted(), (System.nanoTime() - started) / 1_000_000);
            PeriodicJobRunner services = settings.servicesEnabled() ? PeriodicJobRunner.start(Services.all(settings, stores)) : null;
            return new BatonServer(settings, db, stores, http, services, events);
        } catch (RuntimeException e) {
            loader.shutdown();
            if (events != null) {
                events.close();
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
