package io.baton.http.ui;

import io.baton.app.Settings;
import io.baton.http.routes.UiSettingsRoutes;
import io.baton.json.Json;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the web UI beside the API: the UI at the serve base, the API at {@code /api}. API routes always win
 * because the UI only answers requests that no route matched. The bundle is read on the first UI request, so
 * that it costs the server's start nothing.
 */
public final class WebUi {

    private static final Logger log = LoggerFactory.getLogger(WebUi.class);

    private WebUi() {}

    public static void install(JavalinConfig config, Settings settings, String apiBase) {
        Settings.Ui ui = settings.ui();
        if (!ui.enabled()) {
            return;
        }
        Supplier<UiBundle> bundle = memoize(() -> load(ui));
        StaticUiHandler handler = new StaticUiHandler(apiBase, ui.serveBase(), bundle, Instant.now());
        if (!ui.serveBase().isEmpty()) {
            // The UI asks for its settings next to itself; at the root the API's own route answers.
            UiSettingsRoutes uiSettings = new UiSettingsRoutes(settings, ui.apiUrl());
            config.routes.addHttpHandler(HandlerType.GET, ui.serveBase() + "/ui-settings",
                    ctx -> ctx.contentType("application/json").result(Json.write(uiSettings.document())));
        }
        config.routes.exception(NotFoundResponse.class, (e, ctx) -> handler.handle(ctx));
    }

    private static UiBundle load(Settings.Ui ui) {
        long started = System.nanoTime();
        UiBundle bundle;
        if (ui.staticDirectory() != null) {
            if (!Files.isDirectory(ui.staticDirectory())) {
                log.warn("PREFECT_UI_STATIC_DIRECTORY {} is not a directory; the UI is not served", ui.staticDirectory());
                return UiBundle.empty();
            }
            bundle = UiBundle.fromDirectory(ui.staticDirectory(), ui.serveBase());
        } else {
            bundle = UiBundle.fromClasspath(WebUi.class.getClassLoader(), ui.serveBase());
        }
        if (bundle.isEmpty()) {
            log.warn("No UI bundle found (build the ui module or set PREFECT_UI_STATIC_DIRECTORY); the UI is not served");
        } else {
            log.debug("UI bundle of {} files loaded in {} ms", bundle.size(), (System.nanoTime() - started) / 1_000_000);
        }
        return bundle;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = supplier.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }
}
