package io.baton.loadtool.report;

import io.baton.loadtool.http.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link Report} as a fixed-width text table, or writes it as JSON. */
public final class ReportRenderer {
    private ReportRenderer() {
    }

    public static String text(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(format("scenario %s  url %s  clients %d  measured %.1fs  warmup %.1fs%n",
                report.scenario(), report.url(), report.clients(), report.measuredSeconds(), report.warmupSeconds()));
        if (!report.throughput().isEmpty()) {
            out.append("throughput:");
            report.throughput().forEach((name, value) -> out.append(format("  %s %.1f", name, value)));
            out.append('\n');
        }
        if (!report.counters().isEmpty()) {
            out.append("counts:");
            report.counters().forEach((name, value) -> out.append(format("  %s %d", name, value)));
            out.append('\n');
        }

        int width = Math.max(5, report.routes().stream().mapToInt(r -> r.route().length()).max().orElse(5));
        width = Math.max(width, report.distributions().keySet().stream().mapToInt(String::length).max().orElse(0));
        String header = "%-" + width + "s %9s %9s %9s %9s %9s %9s %7s%n";
        String row = "%-" + width + "s %9d %9.1f %9.2f %9.2f %9.2f %9.2f %7d%n";
        out.append('\n');
        out.append(format(header, "route", "calls", "ops/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors"));
        for (RouteReport route : report.routes()) {
            LatencySummary l = route.latency();
            out.append(format(row, route.route(), route.calls(), route.opsPerSecond(),
                    l.p50Ms(), l.p95Ms(), l.p99Ms(), l.maxMs(), route.errors()));
        }
        if (!report.distributions().isEmpty()) {
            out.append('\n');
            out.append(format(header, "measure", "count", "", "p50 ms", "p95 ms", "p99 ms", "max ms", ""));
            String measureRow = "%-" + width + "s %9d %9s %9.2f %9.2f %9.2f %9.2f%n";
            for (Map.Entry<String, LatencySummary> entry : report.distributions().entrySet()) {
                LatencySummary l = entry.getValue();
                out.append(format(measureRow, entry.getKey(), l.count(), "", l.p50Ms(), l.p95Ms(), l.p99Ms(), l.maxMs()));
            }
        }

        out.append('\n');
        if (report.errorsByStatus().isEmpty()) {
            out.append("errors: none\n");
        } else {
            out.append("errors by status:");
            report.errorsByStatus().forEach((status, count) -> out.append(format("  %s x%d", status, count)));
            out.append('\n');
            out.append("errors by route:\n");
            report.errorsByRoute().forEach((route, outcomes) -> {
                out.append("  ").append(route).append(':');
                outcomes.forEach((status, count) -> out.append(format("  %s x%d", status, count)));
                out.append('\n');
            });
        }
        if (report.server() != null) {
            var s = report.server();
            out.append(format("server pid %d (with children, %d samples): RSS max %.1f MB avg %.1f MB, "
                            + "CPU max %.0f%% avg %.0f%%%n",
                    s.pid(), s.samples(), s.rssMaxMb(), s.rssAvgMb(), s.cpuMaxPercent(), s.cpuAvgPercent()));
        }
        for (String note : report.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }

    public static String json(Report report) throws IOException {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
    }

    public static void writeJson(Report report, Path file) throws IOException {
        Files.writeString(file, json(report) + "\n");
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
