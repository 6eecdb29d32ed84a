package io.baton.loadtool.scenario;

/** One simulated client. {@link #iterate()} runs one unit of work and says whether it fully succeeded. */
public interface VirtualUser extends AutoCloseable {

    boolean iterate() throws InterruptedException;

    @Override
    default void close() {
    }
}
