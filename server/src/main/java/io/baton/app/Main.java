package io.baton.app;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton server start [--host H] [--port P] [--no-services] [--no-ui]}, mirroring {@code prefect server start}. */
@Command(name = "baton", mixinStandardHelpOptions = true, version = "baton " + Settings.PREFECT_VERSION,
        description = "A workflow orchestration server that speaks the Prefect 3 API.",
        subcommands = {Main.ServerCommand.class, GenerateCommand.BenchCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "server", description = "Manage the Baton server.", subcommands = {StartCommand.class, TrainCommand.class})
    static final class ServerCommand implements Runnable {
        @Override
        public void run() {
            new CommandLine(this).usage(System.out);
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the API server.")
    static final class StartCommand implements Callable<Integer> {

        @Option(names = "--host", description = "Address to listen on (default: PREFECT_SERVER_API_HOST or 127.0.0.1).")
        String host;

        @Option(names = "--port", description = "Port to listen on (default: PREFECT_SERVER_API_PORT or 4200).")
        Integer port;

        @Option(names = "--no-services", description = "Run the API only, without background services.")
        boolean noServices;

        @Option(names = "--no-ui", description = "Serve the API only, without the web UI (as PREFECT_UI_ENABLED=false).")
        boolean noUi;

        @Override
        public Integer call() throws InterruptedException {
            Settings settings = Settings.fromEnvironment();
            settings = settings.withListen(host != null ? host : settings.host(), port != null ? port : settings.port());
            if (noServices) {
                settings = settings.withServices(false);
            }
            if (noUi) {
                settings = settings.withUi(settings.ui().withEnabled(false));
            }
            BatonServer server = BatonServer.start(settings);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "baton-shutdown"));
            stopped.await();
            return 0;
        }
    }
}
