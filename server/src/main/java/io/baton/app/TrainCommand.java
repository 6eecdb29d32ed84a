package io.baton.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * Starts a throw-away server on a temporary database and drives the common requests through it, so that
 * a JVM run with {@code -XX:AOTCacheOutput} records the classes a real start-up needs (the launcher does
 * this once per build; later starts load the cache and answer in about a second).
 */
@Command(name = "train", hidden = true, description = "Exercise a temporary server to build the start-up cache.")
final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        Path home = Files.createTempDirectory("baton-train-");
        try {
            Settings settings = Settings.from(java.util.Map.of("BATON_HOME", home.toString()))
                    .withListen("127.0.0.1", 0)
                    .withServices(false);
            try (BatonServer server = BatonServer.start(settings)) {
                exercise("http://127.0.0.1:" + server.port() + "/api");
            }
            return 0;
        } finally {
            deleteRecursively(home);
        }
    }

    private static void exercise(String api) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        send(http, "GET", api + "/health", null);
        send(http, "GET", api + "/admin/version", null);
        String flow = send(http, "POST", api + "/flows/", "{\"name\": \"train\"}");
        String flowId = flow.substring(flow.indexOf("\"id\":\"") + 6, flow.indexOf("\"id\":\"") + 42);
        String run = send(http, "POST", api + "/flow_runs/",
                "{\"flow_id\": \"" + flowId + "\", \"state\": {\"type\": \"PENDING\"}}");
        String runId = run.substring(run.indexOf("\"id\":\"") + 6, run.indexOf("\"id\":\"") + 42);
        send(http, "POST", api + "/flow_runs/" + runId + "/set_state", "{\"state\": {\"type\": \"RUNNING\"}}");
        send(http, "POST", api + "/flow_runs/" + runId + "/set_state", "{\"state\": {\"type\": \"COMPLETED\"}}");
        send(http, "POST", api + "/flow_runs/filter", "{\"limit\": 5}");
        send(http, "POST", api + "/task_runs/filter", "{}");
        send(http, "POST", api + "/logs/", "[]");
    }

    private static String send(HttpClient http, String method, String url, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
