package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code /collections/views/{view}}: the collection registry's aggregate views. Baton never reaches out to
 * the registry; it serves the worker metadata bundled with it (the file Prefect itself falls back to) and
 * empty views for the other known names.
 */
public final class CollectionRoutes implements RouteModule {

    private static final String WORKER_VIEW = "aggregate-worker-metadata";
    private static final Map<String, String> EMPTY_VIEWS = Map.of(
            "aggregate-block-metadata", "{}",
            "aggregate-flow-metadata", "{}",
            "demo-flows", "{}");

    private final JsonNode workerMetadata;

    public CollectionRoutes() {
        this.workerMetadata = load("/seed/worker_metadata.json");
    }

    @Override
    public void register(ApiRouter r) {
        r.get("/collections/views/{view}", call -> {
            String view = call.path("view");
            if (view.equals(WORKER_VIEW)) {
                return workerMetadata;
            }
            String empty = EMPTY_VIEWS.get(view);
            if (empty == null) {
                throw ApiException.detail(404, "View " + view + " not found in registry");
            }
            return Json.read(empty);
        });
    }

    static JsonNode load(String resource) {
        try (InputStream in = CollectionRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return Json.read(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
