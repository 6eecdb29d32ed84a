package io.baton.loadtool.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** Length of a scenario run: a time window, optionally cut short by a number of iterations. */
public final class TimingOptions {
    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "Measured window (default: ${DEFAULT-VALUE}).")
    public Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "Load before the measured window whose samples are discarded (default: ${DEFAULT-VALUE}).")
    public Duration warmup;

    @Option(names = "--iterations",
            description = "End the measured window after this many iterations (successful or failed, all clients "
                    + "together), or at --duration, whichever comes first.")
    public Long iterations;
}
