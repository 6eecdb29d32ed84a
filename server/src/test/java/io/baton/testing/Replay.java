package io.baton.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.app.BatonServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Replays recorded Prefect client traffic against a Baton and compares each answer with the recorded
 * one by status and shape: the same keys, value types, nullability and enum values. Ids Baton mints are
 * paired with the recorded ones as they appear and substituted into later requests.
 */
public final class Replay {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern UUID_TEXT = Pattern.compile(
            "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    /** String fields whose values are enumerations and must match exactly. */
    private static final Set<String> ENUM_KEYS = Set.of("type", "status", "state_type", "collision_strategy",
            "retry_type", "operator");

    private final ApiClient client;
    private BatonServer socketServer;
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final List<String> mismatches = new ArrayList<>();
    private java.util.function.UnaryOperator<JsonNode> bodyRewrite = java.util.function.UnaryOperator.identity();
    private int replayed;
    private int framesSent;
    private int framesReceived;

    public Replay(ApiClient client) {
        this.client = client.unvalidated();
    }

    /**
     * Rewrites request bodies (after id substitution) before they are sent: for fields that name wall-clock times,
     * such as a poll's {@code scheduled_before}, which mean "now" on the recording's clock.
     */
    public Replay rewritingBodies(java.util.function.UnaryOperator<JsonNode> rewrite) {
        this.bodyRewrite = rewrite;
        return this;
    }

    public static List<JsonNode> lines(String recording) {
        Path file = SharedFiles.recording(recording);
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    out.add(MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Path (without query) of an HTTP line, under /api. */
    public static String path(JsonNode line) {
        String p = line.path("path").asText();
        int q = p.indexOf('?');
        return q < 0 ? p : p.substring(0, q);
    }

    public static Predicate<JsonNode> pathStartsWith(String... prefixes) {
        return line -> {
            String p = path(line);
            for (String prefix : prefixes) {
                if (p.startsWith("/api" + prefix)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Lets {@link #runTraffic} open websockets to {@code server} (the one the client talks to). */
    public Replay withSockets(BatonServer server) {
        this.socketServer = server;
        return this;
    }

    /**
     * Replays every HTTP line accepted by {@code filter} and every websocket connection whose upgrade path it
     * accepts, interleaved in file order. Each recorded socket is opened for real (subprotocol {@code prefect}),
     * its client frames are sent in order with ids substituted, each recorded server frame is awaited and compared
     * by {@code type} and shape, and after the connection's last line a ping is answered by a pong (the Prefect
     * client's delivery checkpoint) before the socket is closed.
     */
    public Replay runTraffic(String recording, Predicate<JsonNode> filter) {
        if (socketServer == null) {
            throw new IllegalStateException("withSockets(server) first");
        }
        List<JsonNode> lines = lines(recording);
        Map<Integer, Integer> lastLineOfSocket = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).path("kind").asText().startsWith("ws_")) {
                lastLineOfSocket.put(lines.get(i).path("conn").asInt(), i);
            }
        }
        Map<Integer, TestSocket> sockets = new LinkedHashMap<>();
        try {
            for (int i = 0; i < lines.size(); i++) {
                JsonNode line = lines.get(i);
                int conn = line.path("conn").asInt();
                switch (line.path("kind").asText()) {
                    case "http" -> {
                        if (filter.test(line) && line.path("status").asInt() != 503) {
                            exchange(recording, line);
                        }
                    }
                    case "ws_open" -> {
                        if (filter.test(line)) {
                            sockets.put(conn, TestSocket.open(socketServer, substitute(path(line)).substring(4)));
                        }
                    }
                    case "ws_msg" -> {
                        TestSocket socket = sockets.get(conn);
                        if (socket != null) {
                            frame(recording, line, socket);
                        }
                    }
                    default -> { }
                }
                TestSocket socket = sockets.get(conn);
                if (socket != null && lastLineOfSocket.get(conn) == i) {
                    socket.pingAndAwaitPong();
                    socket.close();
                    sockets.remove(conn);
                }
            }
        } finally {
            sockets.values().forEach(TestSocket::close);
        }
        return this;
    }

    private void frame(String recording, JsonNode line, TestSocket socket) {
        JsonNode data = line.path("data");
        String where = recording + " ws#" + line.path("conn").asInt() + " " + line.path("direction").asText() + " "
                + data.path("type").asText(data.path("event").asText());
        if ("client->server".equals(line.path("direction").asText())) {
            socket.send(substitute(data.toString()));
            framesSent++;
            return;
        }
        JsonNode actual = socket.next();
        framesReceived++;
        if (actual == null) {
            mismatches.add(where + ": no server frame");
            return;
        }
        if (!data.path("type").equals(actual.path("type"))) {
            mismatches.add(where + ": frame type " + actual.path("type") + ", recorded " + data.path("type"));
            return;
        }
        compare(where, "$", data, actual);
    }

    /** Replays every HTTP line of {@code recording} accepted by {@code filter}. */
    public Replay run(String recording, Predicate<JsonNode> filter) {
        for (JsonNode line : lines(recording)) {
            if (!"http".equals(line.path("kind").asText()) || !filter.test(line)) {
                continue;
            }
            if (line.path("status").asInt() == 503) {
                continue; // a transient error of the recorded server; its retry follows
            }
            exchange(recording, line);
        }
        return this;
    }

    private void exchange(String recording, JsonNode line) {
        String method = line.path("method").asText();
        String path = substitute(line.path("path").asText());
        JsonNode reqBody = line.path("req_body");
        Object body = null;
        if (!(reqBody.isTextual() && reqBody.asText().isEmpty()) && !reqBody.isMissingNode()) {
            body = substitute(reqBody.toString());
            try {
                body = bodyRewrite.apply(MAPPER.readTree((String) body)).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, String> headers = new HashMap<>();
        JsonNode reqHeaders = line.path("req_headers");
        for (String h : List.of("user-agent", "x-prefect-api-version")) {
            if (reqHeaders.has(h)) {
                headers.put(h, reqHeaders.get(h).asText());
            }
        }
        ApiClient.Response actual = client.send(method, path, body, headers);
        replayed++;
        String where = recording + " " + method + " " + line.path("path").asText();
        int expectedStatus = line.path("status").asInt();
        if (actual.status() != expectedStatus) {
            mismatches.add(where + ": status " + actual.status() + " != recorded " + expectedStatus + " body " + actual.raw());
            return;
        }
        JsonNode expected = line.path("resp_body");
        if (expected.isTextual() && expected.asText().isEmpty()) {
            return;
        }
        learnIds(expected, actual.body());
        compare(where, "$", expected, actual.body());
    }

    private String substitute(String text) {
        String out = text;
        for (Map.Entry<String, String> e : ids.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private void learnIds(JsonNode recorded, JsonNode actual) {
        if (recorded == null || actual == null) {
            return;
        }
        if (recorded.isTextual() && actual.isTextual()) {
            String r = recorded.asText();
            String a = actual.asText();
            if (UUID_TEXT.matcher(r).matches() && UUID_TEXT.matcher(a).matches() && !r.equals(a)) {
                ids.putIfAbsent(r, a);
            }
        } else if (recorded.isObject() && actual.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = recorded.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                learnIds(e.getValue(), actual.get(e.getKey()));
            }
        } else if (recorded.isArray() && actual.isArray()) {
            for (int i = 0; i < Math.min(recorded.size(), actual.size()); i++) {
                learnIds(recorded.get(i), actual.get(i));
            }
        }
    }

    private void compare(String where, String at, JsonNode expected, JsonNode actual) {
        if (actual == null || actual.isMissingNode()) {
            mismatches.add(where + ": missing " + at);
            return;
        }
        if (expected.isNull() != actual.isNull()) {
            mismatches.add(where + ": " + at + " is " + actual + ", recorded " + expected);
            return;
        }
        if (expected.isNull()) {
            return;
        }
        if (expected.getNodeType() != actual.getNodeType() && !(expected.isNumber() && actual.isNumber())) {
            mismatches.add(where + ": " + at + " has type " + actual.getNodeType() + ", recorded " + expected.getNodeType());
            return;
        }
        if (expected.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                compare(where, at + "." + e.getKey(), e.getValue(), actual.get(e.getKey()));
                if (ENUM_KEYS.contains(e.getKey()) && e.getValue().isTextual()
                        && !e.getValue().equals(actual.get(e.getKey()))) {
                    mismatches.add(where + ": " + at + "." + e.getKey() + " = " + actual.get(e.getKey())
                            + ", recorded " + e.getValue());
                }
            }
        } else if (expected.isArray()) {
            if (expected.isEmpty() != actual.isEmpty()) {
                mismatches.add(where + ": " + at + " has " + actual.size() + " items, recorded " + expected.size());
                return;
            }
            if (!expected.isEmpty()) {
                compare(where, at + "[0]", expected.get(0), actual.get(0));
            }
        }
    }

    public List<String> mismatches() {
        return mismatches;
    }

    public int replayed() {
        return replayed;
    }

    /** Websocket frames sent to the server by {@link #runTraffic}. */
    public int framesSent() {
        return framesSent;
    }

    /** Websocket frames awaited from the server by {@link #runTraffic}. */
    public int framesReceived() {
        return framesReceived;
    }

    public Map<String, String> ids() {
        return ids;
    }
}
