package io.baton.loadtool.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** Length of a time-bounded scenario run. */
public final class TimingOptions {
    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "Measured window (default: ${DEFAULT-VALUE}).")
    public Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "Load before the measured window whose samples are discarded (default: ${DEFAULT-VALUE}).")
    public Duration warmup;
}
