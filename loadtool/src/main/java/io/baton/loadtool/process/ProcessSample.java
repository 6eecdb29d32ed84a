package io.baton.loadtool.process;

/** One reading of a process: resident memory in bytes and CPU use since the previous reading. */
public record ProcessSample(long rssBytes, double cpuPercent) {
}
