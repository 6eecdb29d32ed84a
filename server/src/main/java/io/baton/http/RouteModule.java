package io.baton.http;

/** One capability's routes (flows, flow runs, ...), registered on the API router at startup. */
public interface RouteModule {
    void register(ApiRouter router);
}
