package io.baton.loadtool.process;

/** Resource use of the server process over the measured window. CPU% is per core (200% = two cores busy). */
public record ProcessUsage(long pid, int samples, double rssMaxMb, double rssAvgMb,
                           double cpuMaxPercent, double cpuAvgPercent) {
}
