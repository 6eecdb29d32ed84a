package io.baton.loadtool.cli;

import io.baton.loadtool.scenario.EventsScenario;
import io.baton.loadtool.scenario.FanoutScenario;
import io.baton.loadtool.scenario.LifecycleScenario;
import io.baton.loadtool.scenario.PollScenario;
import io.baton.loadtool.scenario.ReadScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/** The time-bounded scenarios as subcommands. */
public final class ScenarioCommands {
    private ScenarioCommands() {
    }

    abstract static class Base implements Callable<Integer> {
        @Mixin
        CommonOptions common = new CommonOptions();
        @Mixin
        TimingOptions timing = new TimingOptions();
        @Spec
        CommandSpec spec;
    }

    @Command(name = "lifecycle", mixinStandardHelpOptions = true,
            description = "Per user: POST /flows/ once, then loop POST /flow_runs/ (PENDING), set_state RUNNING, "
                    + "set_state COMPLETED. Reports runs/s and calls/s.")
    public static final class Lifecycle extends Base {
        @Option(names = "--flow-name", defaultValue = "baton-load-lifecycle", description = "Flow the runs belong to.")
        String flowName;

        @Override
        public Integer call() throws Exception {
            return Runs.run(new LifecycleScenario(flowName), common, timing, spec);
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            description = "Per flow run, stream N task runs as prefect.task-run.Pending|Running|Completed events "
                    + "over /api/events/in, then poll POST /task_runs/filter until all are visible COMPLETED. "
                    + "Reports events/s accepted and visibility latency after the last event.")
    public static final class Events extends Base {
        @Option(names = "--tasks-per-run", defaultValue = "10", description = "Task runs per flow run (default: ${DEFAULT-VALUE}).")
        int tasksPerRun;

        @Option(names = "--checkpoint-every", defaultValue = "700",
                description = "Ping and wait for the pong after this many events, like the client (default: ${DEFAULT-VALUE}).")
        int checkpointEvery;

        @Option(names = "--lookup", defaultValue = "flow-run",
                description = "Find task runs by 'flow-run' id or by 'task-run' ids (default: ${DEFAULT-VALUE}).")
        String lookup;

        @Option(names = "--visibility-timeout", defaultValue = "30s", converter = DurationConverter.class,
                description = "Give up waiting for a flow run's task runs after this long (default: ${DEFAULT-VALUE}).")
        Duration visibilityTimeout;

        @Option(names = "--poll-interval", defaultValue = "50ms", converter = DurationConverter.class,
                description = "Pause between visibility polls (default: ${DEFAULT-VALUE}).")
        Duration pollInterval;

        @Override
        public Integer call() throws Exception {
            if (tasksPerRun < 1 || checkpointEvery < 1) {
                throw new ParameterException(spec.commandLine(), "--tasks-per-run and --checkpoint-every must be >= 1");
            }
            if (!lookup.equals("flow-run") && !lookup.equals("task-run")) {
                throw new ParameterException(spec.commandLine(), "--lookup is flow-run or task-run");
            }
            return Runs.run(new EventsScenario(tasksPerRun, checkpointEvery, lookup.equals("task-run"),
                    visibilityTimeout, pollInterval), common, timing, spec);
        }
    }

    @Command(name = "poll", mixinStandardHelpOptions = true,
            description = "Setup: a process work pool, a deployment in it and M due scheduled runs. Then users call "
                    + "POST /work_pools/{name}/get_scheduled_flow_runs in a loop. Reports latency percentiles.")
    public static final class Poll extends Base {
        @Option(names = "--scheduled-runs", defaultValue = "1000", description = "Scheduled runs to create (default: ${DEFAULT-VALUE}).")
        int scheduledRuns;

        @Option(names = "--limit", defaultValue = "10", description = "limit of each poll (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--pool", description = "Work pool name (default: a new baton-load-pool-<random>).")
        String pool;

        @Override
        public Integer call() throws Exception {
            return Runs.run(new PollScenario(scheduledRuns, limit, pool), common, timing, spec);
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Users cycle through POST /flow_runs/filter (limit 50, START_TIME_DESC, with and without a "
                    + "state filter), POST /flow_runs/count and the UI dashboard aggregates that answer. "
                    + "Fill the server first with 'generate'.")
    public static final class Read extends Base {
        @Option(names = "--queries", split = ",", description = "Run only the queries whose label contains one of "
                + "these words, e.g. 'filter' for the two /flow_runs/filter queries (default: all).")
        java.util.List<String> only;

        @Override
        public Integer call() throws Exception {
            return Runs.run(new ReadScenario(only == null ? java.util.List.of() : only), common, timing, spec);
        }
    }

    @Command(name = "fanout", mixinStandardHelpOptions = true,
            description = "Users POST /events batches at a total --rate to --url while one /events/out subscriber per "
                    + "--subscribe-url (other replicas) receives them. Reports delivery latency percentiles.")
    public static final class Fanout extends Base {
        @Option(names = "--subscribe-url", split = ",", required = true,
                description = "API base URLs to subscribe at, comma-separated (the other replicas).")
        java.util.List<String> subscribeUrls;

        @Option(names = "--rate", defaultValue = "1000", description = "Events per second in all (default: ${DEFAULT-VALUE}).")
        double rate;

        @Option(names = "--batch", defaultValue = "50", description = "Events per POST /events (default: ${DEFAULT-VALUE}).")
        int batch;

        @Override
        public Integer call() throws Exception {
            if (rate <= 0 || batch < 1) {
                throw new ParameterException(spec.commandLine(), "--rate must be > 0 and --batch >= 1");
            }
            return Runs.run(new FanoutScenario(subscribeUrls, rate, batch), common, timing, spec);
        }
    }
}
