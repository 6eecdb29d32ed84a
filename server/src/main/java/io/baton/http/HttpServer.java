package io.baton.http;

import io.baton.app.Settings;
import io.baton.domain.InputLimits;
import io.baton.http.validation.OpenApiContract;
import io.baton.json.Json;
import io.baton.storage.IntegrityViolationException;
import io.baton.storage.StorageUnavailableException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on virtual threads with Prefect's conventions in one place: the API under
 * {@code /api}, CORS, gzip for bodies of 500 bytes and more, basic auth, the API-version header check,
 * CSRF, and every failure answered with Prefect's error bodies (never a bare 500 for bad input;
 * 503 for transient database trouble so that clients retry).
 */
public final class HttpServer {

    public static final String API_BASE = "/api";
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private HttpServer() {}

    public static Javalin create(Settings settings, OpenApiContract contract, RequestGuards guards,
                                 List<RouteModule> modules, Consumer<JavalinConfig> extra) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.router.ignoreTrailingSlashes = true;
            config.router.treatMultipleSlashesAsSingleSlash = true;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = InputLimits.MAX_BODY_BYTES;
            config.http.strictContentTypes = false;
            CompressionStrategy gzip = new CompressionStrategy(null, new Gzip(6));
            gzip.setDefaultMinSizeForCompression(500);
            config.http.compressionStrategy = gzip;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            // Jetty caches header fields per connection and matches the cache case-insensitively by default:
            // an Authorization value differing only in letter case would reuse the previous request's value.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));

            config.routes.before(RequestBodies::refuseOversize);

            config.routes.before(guards::cors);
            config.routes.before(API_BASE + "/*", guards::authenticate);
            config.routes.before(API_BASE + "/*", guards::checkCsrf);
            config.routes.wsBeforeUpgrade(API_BASE + "/*", guards::authenticateUpgrade);

            ApiRouter router = new ApiRouter(config.routes, contract, API_BASE, guards::checkApiVersion);
            for (RouteModule module : modules) {
                module.register(router);
                module.configure(config);
            }
            registerErrorMapping(config);
            extra.accept(config);
        });
    }

    private static void registerErrorMapping(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            json(ctx, e.status(), e.body());
        });
        config.routes.exception(StorageUnavailableException.class, (e, ctx) -> {
            log.warn("Database unavailable: {}", e.getMessage());
            json(ctx, 503, Json.object().put("exception_message", "Service Unavailable"));
        });
        config.routes.exception(IntegrityViolationException.class, (e, ctx) -> {
            log.warn("Integrity conflict on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            json(ctx, 409, Json.object().put("detail", "Data integrity conflict. This usually means a unique "
                    + "or foreign key constraint was violated. See server logs for details."));
        });
        config.routes.exception(NotFoundResponse.class,
                (e, ctx) -> json(ctx, 404, Json.object().put("detail", "Not Found")));
        config.routes.exception(MethodNotAllowedResponse.class,
                (e, ctx) -> json(ctx, 405, Json.object().put("detail", "Method Not Allowed")));
        config.routes.exception(HttpResponseException.class,
                (e, ctx) -> json(ctx, e.getStatus(), Json.object().put("detail", e.getMessage())));
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
            json(ctx, 500, Json.object().put("exception_message", "Internal Server Error"));
        });
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(Json.writeBytes(body));
    }
}
