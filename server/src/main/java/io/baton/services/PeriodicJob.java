package io.baton.services;

import java.time.Duration;

/** A periodic server job: one pass of work, re-run every {@link #interval()}. */
public interface PeriodicJob {

    String name();

    Duration interval();

    /** One pass; exceptions are logged by the runner and the next pass runs as usual. */
    void runOnce();
}
