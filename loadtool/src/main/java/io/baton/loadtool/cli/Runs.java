package io.baton.loadtool.cli;

import io.baton.loadtool.http.ApiClient;
import io.baton.loadtool.metrics.Metrics;
import io.baton.loadtool.process.ServerProcessLocator;
import io.baton.loadtool.report.Report;
import io.baton.loadtool.report.ReportRenderer;
import io.baton.loadtool.scenario.LoadRun;
import io.baton.loadtool.scenario.RunContext;
import io.baton.loadtool.scenario.Scenario;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.util.OptionalLong;

/** The steps every command shares: validate, build the client, run, print and save the report. */
final class Runs {
    private Runs() {
    }

    static RunContext context(CommonOptions common, CommandLine.Model.CommandSpec spec) {
        String scheme = common.url.getScheme();
        if ("https".equals(scheme)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--url: https is not supported; the tool speaks plain HTTP/1.1 to a server on this machine, got "
                            + common.url);
        }
        if (!"http".equals(scheme) || common.url.getHost() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--url must be an http URL such as http://127.0.0.1:4200/api, got " + common.url);
        }
        if (common.clients < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--clients must be at least 1");
        }
        return new RunContext(new ApiClient(common.url, common.requestTimeout, new Metrics()),
                common.clients, common.requestTimeout);
    }

    static OptionalLong serverPid(CommonOptions common, RunContext context) {
        if (common.serverPid != null) {
            return OptionalLong.of(common.serverPid);
        }
        if (common.serverPort != null) {
            OptionalLong pid = ServerProcessLocator.pidListeningOn(common.serverPort);
            if (pid.isEmpty()) {
                context.note("no process found listening on port " + common.serverPort
                        + " (ss -ltnp shows pids of other users' processes only to root)");
            }
            return pid;
        }
        return OptionalLong.empty();
    }

    static int run(Scenario scenario, CommonOptions common, TimingOptions timing, CommandLine.Model.CommandSpec spec)
            throws InterruptedException, IOException {
        RunContext context = context(common, spec);
        try (var api = context.api()) {
            OptionalLong pid = serverPid(common, context);
            System.err.printf(java.util.Locale.ROOT, "baton-load: %s against %s, %d clients, warmup %.1fs, duration %.1fs%n",
                    scenario.name(), api.baseUrl(), common.clients, timing.warmup.toMillis() / 1000.0,
                    timing.duration.toMillis() / 1000.0);
            LoadRun run = new LoadRun(scenario, context, timing.warmup, timing.duration, pid);
            if (timing.iterations != null) {
                if (timing.iterations < 1) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--iterations must be at least 1");
                }
                run.endAfterIterations(timing.iterations);
            }
            Report report = run.run();
            return finish(report, common, System.out);
        }
    }

    static int finish(Report report, CommonOptions common, PrintStream out) throws IOException {
        out.print(ReportRenderer.text(report));
        if (common.json != null) {
            ReportRenderer.writeJson(report, common.json);
            out.println("json report: " + common.json);
        }
        return 0;
    }
}
