package io.baton.loadtool.scenario;

import io.baton.loadtool.metrics.Metrics;
import io.baton.loadtool.process.ProcessSampler;
import io.baton.loadtool.process.ProcessUsage;
import io.baton.loadtool.report.Report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a {@link Scenario}: setup, a warm-up whose samples are discarded, then a measured window that lasts its
 * duration, or ends earlier once an optional number of iterations has been measured. Each user runs on its own
 * platform thread and stops by itself at the end of the window.
 */
public final class LoadRun {
    /** Pause after a failed iteration, so a refused connection does not turn into a busy loop. */
    static final long ERROR_BACKOFF_MILLIS = 10;

    private final Scenario scenario;
    private final RunContext context;
    private final Duration warmup;
    private final Duration duration;
    private final OptionalLong serverPid;
    private final AtomicBoolean exceptionNoted = new AtomicBoolean();
    private final AtomicLong measuredIterations = new AtomicLong();
    private final CountDownLatch iterationsReached = new CountDownLatch(1);
    private long iterationLimit;

    public LoadRun(Scenario scenario, RunContext context, Duration warmup, Duration duration, OptionalLong serverPid) {
        this.scenario = scenario;
        this.context = context;
        this.warmup = warmup;
        this.duration = duration;
        this.serverPid = serverPid;
    }

    /**
     * Ends the measured window once this many iterations (successful or failed, across all users) were measured,
     * even if its duration has not passed: the duration becomes a deadline.
     */
    public LoadRun endAfterIterations(long iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        }
        this.iterationLimit = iterations;
        return this;
    }

    public Report run() throws InterruptedException {
        Metrics metrics = context.metrics();
        metrics.setRecording(false);
        scenario.setup(context);

        List<Thread> threads = new ArrayList<>();
        List<VirtualUser> users = new ArrayList<>();
        StopSignal stop = new StopSignal();
        for (int i = 0; i < context.clients(); i++) {
            VirtualUser user = scenario.newUser(i, context);
            users.add(user);
            // A platform thread blocks in the socket read itself; a virtual one goes through the JDK's poller and
            // scheduler on every answer, which cost the tool about a third more CPU per call.
            threads.add(Thread.ofPlatform().daemon().name("user-" + i).start(() -> loop(user, stop)));
        }

        Thread.sleep(warmup.toMillis());
        ProcessSampler sampler = serverPid.isPresent() ? new ProcessSampler(serverPid.getAsLong(), 1000) : null;
        metrics.setRecording(true);
        long start = System.nanoTime();
        if (sampler != null) {
            sampler.start();
        }
        iterationsReached.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        metrics.setRecording(false);
        double measuredSeconds = (System.nanoTime() - start) / 1e9;
        ProcessUsage usage = sampler == null ? null : sampler.finish().orElse(null);
        if (sampler != null && usage == null) {
            context.note("no samples of server pid " + serverPid.getAsLong() + " (gone, or not readable in /proc)");
        }

        stop.stopped = true;
        long joinMillis = context.requestTimeout().toMillis() + 5000;
        for (Thread thread : threads) {
            if (!thread.join(Duration.ofMillis(joinMillis))) {
                thread.interrupt();
            }
        }
        for (VirtualUser user : users) {
            user.close();
        }
        scenario.afterLoad(context);

        return Report.from(scenario.name(), context.api().baseUrl(), context.clients(), measuredSeconds,
                warmup.toMillis() / 1000.0, scenario.throughput(context, measuredSeconds), metrics, usage,
                context.notes());
    }

    private void loop(VirtualUser user, StopSignal stop) {
        while (!stop.stopped && !Thread.currentThread().isInterrupted()) {
            boolean ok;
            try {
                ok = user.iterate();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A malformed answer must not end the user; it is counted and the loop goes on.
                context.metrics().increment("client exceptions");
                if (exceptionNoted.compareAndSet(false, true)) {
                    context.note("client exception: " + e);
                }
                ok = false;
            }
            countIfMeasured();
            if (!ok) {
                try {
                    Thread.sleep(ERROR_BACKOFF_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void countIfMeasured() {
        if (iterationLimit > 0 && context.metrics().recording()
                && measuredIterations.incrementAndGet() >= iterationLimit) {
            iterationsReached.countDown();
        }
    }

    private static final class StopSignal {
        volatile boolean stopped;
    }
}
