package io.baton.loadtool.cli;

import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Options every command shares. */
public final class CommonOptions {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:4200/api",
            description = "API base URL of the server under test (default: ${DEFAULT-VALUE}).")
    public URI url;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent virtual users (default: ${DEFAULT-VALUE}).")
    public int clients;

    @Option(names = "--request-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Per-request timeout; a request past it counts as error 'timeout' (default: ${DEFAULT-VALUE}).")
    public Duration requestTimeout;

    @Option(names = "--json", description = "Also write the report as JSON to this file.")
    public Path json;

    @Option(names = "--server-pid", description = "Sample RSS and CPU of this process (and its children) every second.")
    public Long serverPid;

    @Option(names = "--server-port", description = "Find the server pid as the process listening on this local port (ss -ltnp).")
    public Integer serverPort;
}
