package io.baton.loadtool.scenario;

import java.util.Map;

/** A load pattern: one-off setup, then many virtual users looping until the run ends. */
public interface Scenario {

    String name();

    /** Runs before the warm-up with recording off; report problems through {@link RunContext#note}. */
    default void setup(RunContext context) throws InterruptedException {
    }

    VirtualUser newUser(int index, RunContext context);

    /** Runs after the users stopped, for work that finishes what the measured window started. */
    default void afterLoad(RunContext context) throws InterruptedException {
    }

    /** Headline rates for the report, from the counters and the measured seconds. */
    Map<String, Double> throughput(RunContext context, double measuredSeconds);
}
