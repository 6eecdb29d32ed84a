package io.baton.loadtool.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.loadtool.http.Json;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback server small enough to read: HTTP/1.1 keep-alive for the REST routes the events scenario uses,
 * and the {@code /api/events/in} websocket (prefect subprotocol, auth, ping/pong), recording task-run states
 * from the events so {@code POST /task_runs/filter} can return them.
 */
final class FakeEventsServer implements AutoCloseable {
    private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket listener;
    private final Map<String, Map<String, String>> taskRunStatesByFlowRun = new ConcurrentHashMap<>();
    final AtomicLong events = new AtomicLong();
    final AtomicLong pings = new AtomicLong();

    FakeEventsServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/api";
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                // Without it, Nagle plus delayed ACKs hold small pong frames back for tens of ms.
                socket.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine = readLine(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new HashMap<>();
                for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                    int colon = line.indexOf(':');
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
                String path = requestLine.split(" ")[1];
                if ("websocket".equalsIgnoreCase(headers.get("upgrade"))) {
                    upgrade(headers, out);
                    websocket(new DataInputStream(in), out);
                    return;
                }
                byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                JsonNode request = body.length == 0 ? Json.object() : Json.MAPPER.readTree(body);
                JsonNode response = rest(path, request);
                byte[] bytes = response.toString().getBytes(StandardCharsets.UTF_8);
                int status = path.endsWith("/flows/") || path.endsWith("/flow_runs/") ? 201 : 200;
                out.write(("HTTP/1.1 " + status + " OK\r\ncontent-type: application/json\r\ncontent-length: "
                        + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private JsonNode rest(String path, JsonNode request) {
        if (path.equals("/api/flows/") || path.equals("/api/flow_runs/")) {
            return Json.object().put("id", UUID.randomUUID().toString()).put("name", "fake");
        }
        if (path.endsWith("/set_state")) {
            return Json.object().put("status", "ACCEPT");
        }
        if (path.equals("/api/task_runs/filter")) {
            ArrayNode result = Json.array();
            String flowRunId = request.at("/flow_runs/id/any_/0").asText();
            taskRunStatesByFlowRun.getOrDefault(flowRunId, Map.of()).forEach((id, state) ->
                    result.addObject().put("id", id).put("state_type", state));
            return result;
        }
        return Json.object().put("detail", "Not Found");
    }

    private static void upgrade(Map<String, String> headers, OutputStream out) throws IOException {
        String accept;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((headers.get("sec-websocket-key") + WS_GUID).getBytes(StandardCharsets.US_ASCII));
            accept = Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\n"
                + "sec-websocket-accept: " + accept + "\r\nsec-websocket-protocol: prefect\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void websocket(DataInputStream in, OutputStream out) throws IOException {
        boolean authenticated = false;
        while (true) {
            int first = in.readUnsignedByte();
            int opcode = first & 0x0F;
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = (second & 0x80) != 0 ? in.readNBytes(4) : new byte[4];
            byte[] payload = in.readNBytes((int) length);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            switch (opcode) {
                case 0x1 -> {
                    JsonNode message = Json.MAPPER.readTree(payload);
                    if (!authenticated) {
                        authenticated = "auth".equals(message.path("type").asText());
                        frame(out, 0x1, "{\"type\":\"auth_success\"}".getBytes(StandardCharsets.UTF_8));
                    } else {
                        record((ObjectNode) message);
                    }
                }
                case 0x9 -> {
                    pings.incrementAndGet();
                    frame(out, 0xA, payload);
                }
                case 0x8 -> {
                    frame(out, 0x8, new byte[]{0x03, (byte) 0xE8});
                    return;
                }
                default -> {
                }
            }
        }
    }

    private void record(ObjectNode event) {
        events.incrementAndGet();
        String taskRunId = event.at("/resource/prefect.resource.id").asText().replace("prefect.task-run.", "");
        String flowRunId = event.at("/related/0/prefect.resource.id").asText().replace("prefect.flow-run.", "");
        taskRunStatesByFlowRun.computeIfAbsent(flowRunId, k -> new ConcurrentHashMap<>())
                .put(taskRunId, event.at("/resource/prefect.state-type").asText());
    }

    private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else {
            frame.write(126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        frame.write(payload);
        synchronized (out) {
            out.write(frame.toByteArray());
            out.flush();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
