package io.baton.http;

/** A route handler: reads the validated call, returns a {@link Reply} or a body for 200. */
@FunctionalInterface
public interface ApiHandler {
    Object handle(ApiCall call) throws Exception;
}
