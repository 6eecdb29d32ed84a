package io.baton.loadtool.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.baton.loadtool.http.Json;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Answers the four lifecycle routes on loopback like a Prefect server would, except that every
 * {@code failEvery}-th COMPLETED transition gets a 500, so error counting can be checked.
 */
final class FakePrefectServer implements AutoCloseable {
    private static final Pattern SET_STATE = Pattern.compile("/api/flow_runs/[0-9a-f-]{36}/set_state");

    private final HttpServer server;
    private final int failEvery;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong completedTransitions = new AtomicLong();

    FakePrefectServer(int failEvery) throws IOException {
        this.failEvery = failEvery;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, Json.object().put("detail", "Method Not Allowed"));
        } else if (path.equals("/api/flows/")) {
            respond(exchange, 201, Json.object().put("id", UUID.nameUUIDFromBytes(body.get("name").asText().getBytes()).toString())
                    .put("name", body.get("name").asText()));
        } else if (path.equals("/api/flow_runs/")) {
            if (!"PENDING".equals(body.at("/state/type").asText()) || !body.hasNonNull("flow_id")) {
                respond(exchange, 422, Json.object().put("exception_message", "Invalid request received."));
                return;
            }
            respond(exchange, 201, Json.object().put("id", UUID.randomUUID().toString()).put("name", "fake-run")
                    .put("flow_id", body.get("flow_id").asText()));
        } else if (SET_STATE.matcher(path).matches()) {
            String type = body.at("/state/type").asText();
            if (type.equals("COMPLETED") && completedTransitions.incrementAndGet() % failEvery == 0) {
                respond(exchange, 500, Json.object().put("exception_message", "Internal Server Error"));
                return;
            }
            ObjectNode result = Json.object();
            result.putObject("state").put("type", type).put("name", body.at("/state/name").asText());
            result.put("status", "ACCEPT");
            result.putObject("details").put("type", "accept_details");
            respond(exchange, 201, result);
        } else {
            respond(exchange, 404, Json.object().put("detail", "Not Found"));
        }
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
