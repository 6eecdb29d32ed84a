package io.baton.app;

import io.baton.events.EventBus;
import io.baton.events.EventPipeline;
import io.baton.http.HttpServer;
import io.baton.http.RequestGuards;
import io.baton.http.RouteModule;
import io.baton.http.routes.AdminRoutes;
import io.baton.http.routes.CsrfRoutes;
import io.baton.http.routes.EventRoutes;
import io.baton.http.routes.FlowRoutes;
import io.baton.http.routes.LogRoutes;
import io.baton.http.routes.RootRoutes;
import io.baton.http.routes.SettingsDocument;
import io.baton.http.validation.OpenApiContract;
import io.baton.http.ws.PrefectSocket;
import io.baton.logs.LogStream;
import io.baton.logs.LogStreamSettings;
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
    private final EventPipeline events;

    private BatonServer(Settings settings, Database db, Stores stores, Javalin http, EventPipeline events) {
        this.settings = settings;
        this.db = db;
        this.stores = stores;
        this.http = http;
        this.events = events;
    }

    public static BatonServer start(Settings settings) {
        long started = System.nanoTime();
        Database db = Database.open(settings.database());
        EventPipeline events = null;
        try {
            db.migrate();
            Stores stores = new Stores(db);
            OpenApiContract contract = loadContract();
            RequestGuards guards = new RequestGuards(settings, stores.csrfTokens);
            events = new EventPipeline(stores.events, new EventBus()).start();
            LogStream logStream = new LogStream(LogStreamSettings.fromEnvironment());
            PrefectSocket sockets = new PrefectSocket(guards);
            List<RouteModule> routes = new java.util.ArrayList<>(routes(settings, stores));
            routes.add(new LogRoutes(stores.logs, logStream, sockets, settings.defaultLimit()));
            routes.add(new EventRoutes(stores.events, events, sockets));
            Javalin http = HttpServer.create(settings, contract, guards, routes, config -> { });
            http.start();
            log.info("Baton {} listening on http://{}:{}/api ({}), started in {} ms", Settings.PREFECT_VERSION,
                    settings.host(), http.port(), db.url().redacted(), (System.nanoTime() - started) / 1_000_000);
            return new BatonServer(settings, db, stores, http, events);
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
                new FlowRoutes(stores.flows, settings));
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
        http.stop();
        events.close();
        db.close();
    }
}
