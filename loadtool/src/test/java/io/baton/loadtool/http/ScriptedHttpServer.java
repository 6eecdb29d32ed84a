package io.baton.loadtool.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server whose answers the test writes byte by byte, so the client meets exactly the
 * framing under test. Each request is read (head and Content-Length body) and handed to the script.
 */
final class ScriptedHttpServer implements AutoCloseable {
    /** Writes the answer to one request; returns false to close the connection afterwards without a word. */
    interface Script {
        boolean answer(Request request, OutputStream out) throws IOException, InterruptedException;
    }

    record Request(int connection, String method, String target, List<String> headerLines, String body) {
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headerLines.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).trim()).findFirst().orElse(null);
        }
    }

    private final ServerSocket serverSocket;
    private final Script script;
    final AtomicInteger connections = new AtomicInteger();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ScriptedHttpServer(Script script) throws IOException {
        this.script = script;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + serverSocket.getLocalPort() + "/api";
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                sockets.add(socket);
                int number = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket, number));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int number) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine = readLine(in);
                if (requestLine == null) {
                    return;
                }
                List<String> headers = new ArrayList<>();
                int length = 0;
                for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                    headers.add(line);
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring("content-length:".length()).trim());
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                String[] parts = requestLine.split(" ");
                Request request = new Request(number, parts[0], parts[1], headers, body);
                requests.add(request);
                boolean keepOpen = script.answer(request, out);
                out.flush();
                if (!keepOpen) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or the test ended
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A complete answer with a Content-Length body. */
    static String json(int status, String body) {
        return "HTTP/1.1 " + status + " X\r\ncontent-type: application/json\r\ncontent-length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
