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
 * server first on SQLite) with flow runs straight through SQL, for read benchmarks at millions of runs.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Insert benchmark flow runs directly into the configured database.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--flow-runs", defaultValue = "1000000", description = "Flow runs to add (default 1000000).")
    long flowRuns;

    @Option(names = "--flows", defaultValue = "10", description = "Flows the runs belong to (default 10).")
    int flows;

    @Option(names = "--chunk", defaultValue = "5000", description = "Runs per transaction (default 5000).")
    int chunk;

    @Option(names = "--days", defaultValue = "30", description = "Past days the start times spread over.")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
    long seed;

    @Override
    public Integer call() {
        Settings settings = Settings.fromEnvironment();
        try (Database db = Database.open(settings.database())) {
            db.migrate();
            BenchmarkData data = new BenchmarkData(db, seed);
            List<UUID> flowIds = data.flows(flows);
            long started = System.nanoTime();
            long[] lastReport = {started};
            data.flowRuns(flowIds, flowRuns, chunk, days, done -> {
                long now = System.nanoTime();
                if (now - lastReport[0] >= 1_000_000_000L || done == flowRuns) {
                    lastReport[0] = now;
                    double seconds = (now - started) / 1e9;
                    System.err.printf("generate: %d/%d flow runs, %.0f runs/s%n", done, flowRuns, done / seconds);
                }
            });
            System.out.printf("generated %d flow runs in %.1f s%n", flowRuns, (System.nanoTime() - started) / 1e9);
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
