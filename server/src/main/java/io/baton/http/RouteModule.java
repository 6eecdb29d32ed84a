package io.baton.http;

import io.javalin.config.JavalinConfig;

/** One capability's routes (flows, flow runs, ...), registered on the API router at startup. */
public interface RouteModule {
    void register(ApiRouter router);

    /** Server configuration beyond routes (e.g. an endpoint served by Jetty directly); most modules need none. */
    default void configure(JavalinConfig config) {}
}
