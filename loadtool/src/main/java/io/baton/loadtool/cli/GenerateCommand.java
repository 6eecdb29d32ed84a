package io.baton.loadtool.cli;

import io.baton.loadtool.report.Report;
import io.baton.loadtool.scenario.Generator;
import io.baton.loadtool.scenario.RunContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Fill a server through its API: flow runs in a mix of states (bulk through deployments when "
                + "available), then task-run events through POST /events. Prints progress every second.")
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Spec
    CommandSpec spec;

    @Option(names = "--flow-runs", defaultValue = "10000", description = "Flow runs to create (default: ${DEFAULT-VALUE}).")
    long flowRuns;

    @Option(names = "--events", defaultValue = "30000", description = "Events to send (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--flows", defaultValue = "10", description = "Distinct flows the runs belong to (default: ${DEFAULT-VALUE}).")
    int flows;

    @Option(names = "--flow-run-batch", defaultValue = "100",
            description = "Runs per bulk create call, at most 100 (default: ${DEFAULT-VALUE}).")
    int flowRunBatch;

    @Option(names = "--event-batch", defaultValue = "300", description = "Events per POST /events (default: ${DEFAULT-VALUE}).")
    int eventBatch;

    @Option(names = "--max-duration", defaultValue = "2h", converter = DurationConverter.class,
            description = "Stop after this long even if the counts are not reached (default: ${DEFAULT-VALUE}).")
    Duration maxDuration;

    @Override
    public Integer call() throws Exception {
        RunContext context = Runs.context(common, spec);
        try (var api = context.api()) {
            var plan = new Generator.Plan(flowRuns, events, Math.max(1, flows),
                    Math.max(1, Math.min(100, flowRunBatch)), Math.max(3, eventBatch), maxDuration);
            System.err.printf("baton-load: generate %d flow runs and %d events into %s with %d clients%n",
                    flowRuns, events, api.baseUrl(), common.clients);
            Report report = new Generator(context, plan, System.err).run();
            return Runs.finish(report, common, System.out);
        }
    }
}
