package io.baton.services;

/**
 * A server-side job that runs beside the HTTP server while services are enabled. Every implementation must be
 * safe with several Baton replicas on one PostgreSQL: work is claimed through row locks or conditional
 * statements, never by assuming it is the only instance.
 */
public interface BackgroundService extends AutoCloseable {

    String name();

    void start();

    /** Stops the service and waits briefly for a running pass to finish. */
    @Override
    void close();
}
