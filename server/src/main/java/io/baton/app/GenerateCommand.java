package io.baton.app;

import io.baton.storage.Database;
import io.baton.storage.jdbc.BenchmarkData;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton bench generate}: fills the configured database (the same settings as the server; stop the
 * server first on SQLite) with flow runs and task-run events straight through SQL, for read benchmarks at
 * millions of rows.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Insert benchmark flow runs and task-run events directly into the configured database.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--flow-runs", defaultValue = "1000000", description = "Flow runs to add (default 1000000).")
    long flowRuns;

    @Option(names = "--events", defaultValue = "0",
            description = "Task-run events to add, attached to the runs generated with them (default 0).")
    long events;

    @Option(names = "--flows", defaultValue = "10", description = "Flows the runs belong to (default 10).")
    int flows;

    @Option(names = "--chunk", defaultValue = "20000",
            description = "Runs (and at most about as many events) per transaction (default 20000).")
    int chunk;

    @Option(names = "--writers", defaultValue = "2",
            description = "PostgreSQL: transactions written at a time (default 2); SQLite always writes one.")
    int writers;

    @Option(names = "--days", defaultValue = "30", description = "Past days the start times spread over.")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
    long seed;

    @Override
    public Integer call() {
        Settings settings = Settings.fromEnvironment();
        try (Database db = Database.openForBulkLoad(settings.database())) {
            db.migrate();
            BenchmarkData data = new BenchmarkData(db, seed);
            List<UUID> flowIds = data.flows(flows);
            long started = System.nanoTime();
            long[] lastReport = {started};
            data.generate(flowIds, flowRuns, events, chunk, days, writers, (runs, eventsDone) -> {
                long now = System.nanoTime();
                if (now - lastReport[0] >= 5_000_000_000L || (runs == flowRuns && eventsDone == events)) {
                    lastReport[0] = now;
                    double seconds = (now - started) / 1e9;
                    System.err.printf("generate: %d/%d flow runs, %d/%d events, %.0f s, %.0f runs/s, %.0f events/s%n",
                            runs, flowRuns, eventsDone, events, seconds, runs / seconds, eventsDone / seconds);
                }
            });
            System.out.printf("generated %d flow runs and %d events in %.1f s%n", flowRuns, events,
                    (System.nanoTime() - started) / 1e9);
            System.out.println("write time: " + data.writeTimes());
        }
        return 0;
    }

    @Command(name = "bench", description = "Benchmark helpers.", subcommands = GenerateCommand.class)
    static final class BenchCommand implements Runnable {
        @Override
        public void run() {
            new picocli.CommandLine(this).usage(System.out);
        }
    }
}
