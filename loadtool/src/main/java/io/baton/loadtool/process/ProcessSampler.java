package io.baton.loadtool.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.DirectoryStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code /proc/<pid>/status} (VmRSS) and {@code /proc/<pid>/stat} (utime + stime) once a second on a
 * virtual thread, summed over the process and its descendants: {@code prefect server start} serves from a
 * child process, so the tree is what compares fairly with a single-process server. Linux only; on other
 * systems, or when the process is gone, it simply has no samples.
 */
public final class ProcessSampler implements AutoCloseable {
    /** USER_HZ; 100 on every mainstream Linux architecture. */
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private final long pid;
    private final long intervalMillis;
    private final List<ProcessSample> samples = new ArrayList<>();
    private Thread thread;
    private long lastTicks = -1;
    private long lastNanos = System.nanoTime();

    public ProcessSampler(long pid, long intervalMillis) {
        this.pid = pid;
        this.intervalMillis = intervalMillis;
    }

    public void start() {
        synchronized (samples) {
            lastTicks = cpuTicks().orElse(-1L);
            lastNanos = System.nanoTime();
        }
        thread = Thread.ofVirtual().name("process-sampler").start(this::loop);
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    /** One reading; CPU% covers the time since the previous reading. */
    private void sample() {
        Optional<Long> ticks = cpuTicks();
        Optional<Long> rss = rssBytes();
        long now = System.nanoTime();
        if (ticks.isEmpty() || rss.isEmpty()) {
            return;
        }
        synchronized (samples) {
            double cpu = 0;
            // A descendant that exited takes its ticks along, so the sum can shrink: count that as 0.
            if (lastTicks >= 0 && ticks.get() >= lastTicks && now > lastNanos) {
                double seconds = (now - lastNanos) / 1e9;
                cpu = (ticks.get() - lastTicks) / CLOCK_TICKS_PER_SECOND / seconds * 100.0;
            }
            lastTicks = ticks.get();
            lastNanos = now;
            samples.add(new ProcessSample(rss.get(), cpu));
        }
    }

    /** Stops sampling and summarises; empty when no sample could be taken. */
    public Optional<ProcessUsage> finish() {
        close();
        // A closing reading, so that a window shorter than the interval still has one sample.
        boolean stale;
        synchronized (samples) {
            stale = thread != null && System.nanoTime() - lastNanos > intervalMillis * 1_000_000L / 5;
        }
        if (stale) {
            sample();
        }
        List<ProcessSample> copy;
        synchronized (samples) {
            copy = List.copyOf(samples);
        }
        return summarise(pid, copy);
    }

    static Optional<ProcessUsage> summarise(long pid, List<ProcessSample> samples) {
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        double mb = 1024.0 * 1024.0;
        long rssMax = samples.stream().mapToLong(ProcessSample::rssBytes).max().orElse(0);
        double rssAvg = samples.stream().mapToLong(ProcessSample::rssBytes).average().orElse(0);
        double cpuMax = samples.stream().mapToDouble(ProcessSample::cpuPercent).max().orElse(0);
        double cpuAvg = samples.stream().mapToDouble(ProcessSample::cpuPercent).average().orElse(0);
        return Optional.of(new ProcessUsage(pid, samples.size(), rssMax / mb, rssAvg / mb, cpuMax, cpuAvg));
    }

    private Optional<Long> rssBytes() {
        return sumOverTree(p -> parseRssBytes(Files.readString(Path.of("/proc", Long.toString(p), "status"))));
    }

    private Optional<Long> cpuTicks() {
        return sumOverTree(p -> parseCpuTicks(Files.readString(Path.of("/proc", Long.toString(p), "stat"))));
    }

    private interface ProcReader {
        Optional<Long> read(long pid) throws IOException;
    }

    /** Empty when the root process is gone; descendants that vanish mid-read are skipped. */
    private Optional<Long> sumOverTree(ProcReader reader) {
        Optional<Long> root;
        try {
            root = reader.read(pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (root.isEmpty()) {
            return root;
        }
        long total = root.get();
        for (long child : descendants(pid)) {
            try {
                total += reader.read(child).orElse(0L);
            } catch (IOException | RuntimeException e) {
                // exited between listing and reading
            }
        }
        return Optional.of(total);
    }

    private static List<Long> descendants(long root) {
        Map<Long, List<Long>> children = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    parseParentPid(stat).ifPresent(ppid -> children
                            .computeIfAbsent(ppid, k -> new ArrayList<>())
                            .add(Long.parseLong(proc.getFileName().toString())));
                } catch (IOException | RuntimeException e) {
                    // exited while listing
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        List<Long> result = new ArrayList<>();
        Deque<Long> pending = new ArrayDeque<>(children.getOrDefault(root, List.of()));
        while (!pending.isEmpty()) {
            long next = pending.pop();
            result.add(next);
            pending.addAll(children.getOrDefault(next, List.of()));
        }
        return result;
    }

    static Optional<Long> parseParentPid(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(end + 2).trim().split("\\s+");
        return fields.length < 2 ? Optional.empty() : Optional.of(Long.parseLong(fields[1]));
    }

    static Optional<Long> parseRssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Optional.of(Long.parseLong(parts[0]) * 1024);
            }
        }
        return Optional.empty();
    }

    /** utime + stime: fields 14 and 15, counted after the parenthesised command name, which may hold spaces. */
    static Optional<Long> parseCpuTicks(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(end + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so field N is fields[N - 3].
        if (fields.length < 13) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
