package io.baton.loadtool.http;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One keep-alive HTTP/1.1 connection, used by one thread at a time: writes a request as a single buffer and
 * parses the answer by hand (status line, the few headers that frame the body, Content-Length, chunked or
 * read-to-close bodies, gzip when the server chooses it). Every socket read is bounded by the exchange's
 * deadline, so a slow server ends in {@link SocketTimeoutException}.
 */
final class HttpConnection implements AutoCloseable {
    private static final int MAX_LINE = 64 * 1024;
    /** Larger bodies are refused as errors rather than risking the tool's heap. */
    private static final int MAX_BODY = 256 * 1024 * 1024;
    private static final byte[] HTTP_1_1 = bytes(" HTTP/1.1\r\n");
    private static final byte[] CONTENT_TYPE_AND_LENGTH = bytes("content-type: application/json\r\ncontent-length: ");
    private static final byte[] CONTENT_LENGTH = bytes("content-length: ");
    private static final byte[] CRLF = bytes("\r\n");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] readBuffer = new byte[16 * 1024];
    private int readPos;
    private int readLimit;
    private byte[] line = new byte[256];
    private byte[] writeBuffer = new byte[2048];
    private int writeLength;
    private long deadlineNanos;
    private boolean received;
    private boolean reusable = true;
    private boolean reused;
    private long idleSinceNanos;

    private HttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static HttpConnection open(InetSocketAddress address, long deadlineNanos) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, remainingMillis(deadlineNanos));
            return new HttpConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends one request and reads its answer.
     *
     * @param fixedHeaders header lines sent with every request (host, accept, user agent ...), each ending in CRLF
     * @param body         JSON body, or null for none
     */
    RawResponse exchange(String method, String target, byte[] fixedHeaders, byte[] body, long deadlineNanos)
            throws IOException {
        this.deadlineNanos = deadlineNanos;
        this.received = false;
        writeRequest(method, target, fixedHeaders, body);
        return readResponse("HEAD".equals(method));
    }

    /** Whether any byte of an answer arrived in the current exchange; if not, the server saw nothing or said nothing. */
    boolean received() {
        return received;
    }

    /** False once the server asked to close, the body ran to end of stream, or anything failed. */
    boolean reusable() {
        return reusable;
    }

    boolean reused() {
        return reused;
    }

    void markIdle(long nowNanos) {
        reused = true;
        idleSinceNanos = nowNanos;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    @Override
    public void close() {
        reusable = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to release beyond the descriptor, which close frees either way
        }
    }

    private void writeRequest(String method, String target, byte[] fixedHeaders, byte[] body) throws IOException {
        writeLength = 0;
        putAscii(method);
        put((byte) ' ');
        putAscii(target);
        put(HTTP_1_1);
        put(fixedHeaders);
        if (body != null) {
            put(CONTENT_TYPE_AND_LENGTH);
            putAscii(Integer.toString(body.length));
            put(CRLF);
        } else if (!"GET".equals(method) && !"HEAD".equals(method) && !"DELETE".equals(method)) {
            put(CONTENT_LENGTH);
            put((byte) '0');
            put(CRLF);
        }
        put(CRLF);
        if (body != null) {
            put(body);
        }
        // SO_TIMEOUT bounds reads only: a server that stops reading a large body can hold this write past
        // the deadline, until its buffers fill or it closes.
        out.write(writeBuffer, 0, writeLength);
        out.flush();
    }

    private RawResponse readResponse(boolean headRequest) throws IOException {
        ResponseHead head = new ResponseHead();
        do {
            readStatusLine(head);
            readHeaders(head);
        } while (head.status >= 100 && head.status < 200);
        if (!head.keepAlive) {
            reusable = false;
        }
        byte[] body;
        if (headRequest || head.status == 204 || head.status == 304) {
            body = new byte[0];
        } else if (head.chunked) {
            body = readChunkedBody();
        } else if (head.contentLength >= 0) {
            if (head.contentLength > MAX_BODY) {
                throw new IOException("response body of " + head.contentLength + " bytes is over the limit");
            }
            body = new byte[(int) head.contentLength];
            readFully(body, 0, body.length);
        } else {
            body = readToEnd();
            reusable = false;
        }
        if (head.gzip && body.length > 0) {
            try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = gzip.readAllBytes();
            }
        }
        return new RawResponse(head.status, body);
    }

    private void readStatusLine(ResponseHead head) throws IOException {
        int n = readLine();
        // "HTTP/1.1 200 OK": the reason phrase may be empty, the code is always three digits.
        if (n < 12 || line[0] != 'H' || line[1] != 'T' || line[2] != 'T' || line[3] != 'P' || line[4] != '/'
                || line[5] != '1' || line[6] != '.' || line[8] != ' ') {
            throw new IOException("malformed status line: " + new String(line, 0, Math.min(n, 80),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IOException("malformed status code");
            }
            status = status * 10 + digit;
        }
        head.status = status;
        head.keepAlive = line[7] != '0';
        head.contentLength = -1;
        head.chunked = false;
        head.gzip = false;
    }

    private void readHeaders(ResponseHead head) throws IOException {
        while (true) {
            int n = readLine();
            if (n == 0) {
                return;
            }
            int colon = indexOf(line, 0, n, (byte) ':');
            if (colon <= 0) {
                throw new IOException("malformed header line");
            }
            int valueStart = colon + 1;
            while (valueStart < n && (line[valueStart] == ' ' || line[valueStart] == '\t')) {
                valueStart++;
            }
            int valueEnd = n;
            while (valueEnd > valueStart && (line[valueEnd - 1] == ' ' || line[valueEnd - 1] == '\t')) {
                valueEnd--;
            }
            if (nameIs(colon, "content-length")) {
                head.contentLength = parseDecimal(valueStart, valueEnd);
            } else if (nameIs(colon, "transfer-encoding")) {
                head.chunked = containsToken(valueStart, valueEnd, "chunked");
            } else if (nameIs(colon, "connection")) {
                if (containsToken(valueStart, valueEnd, "close")) {
                    head.keepAlive = false;
                } else if (containsToken(valueStart, valueEnd, "keep-alive")) {
                    head.keepAlive = true;
                }
            } else if (nameIs(colon, "content-encoding")) {
                head.gzip = containsToken(valueStart, valueEnd, "gzip") || containsToken(valueStart, valueEnd, "x-gzip");
            }
        }
    }

    private byte[] readChunkedBody() throws IOException {
        byte[] body = new byte[4096];
        int length = 0;
        while (true) {
            int n = readLine();
            int end = indexOf(line, 0, n, (byte) ';');
            long size = parseHex(0, end < 0 ? n : end);
            if (size == 0) {
                while (readLine() != 0) {
                    // trailer fields are not used
                }
                return Arrays.copyOf(body, length);
            }
            if (size > MAX_BODY - length) {
                throw new IOException("chunked response body is over the limit");
            }
            int needed = length + (int) size;
            if (needed > body.length) {
                body = Arrays.copyOf(body, Math.max(needed, body.length * 2));
            }
            readFully(body, length, (int) size);
            length = needed;
            if (readLine() != 0) {
                throw new IOException("malformed chunk: no CRLF after its data");
            }
        }
    }

    private byte[] readToEnd() throws IOException {
        byte[] body = new byte[4096];
        int length = 0;
        while (true) {
            if (readPos == readLimit && !fill()) {
                return Arrays.copyOf(body, length);
            }
            int available = readLimit - readPos;
            if (available > MAX_BODY - length) {
                throw new IOException("response body is over the limit");
            }
            if (length + available > body.length) {
                body = Arrays.copyOf(body, Math.max(length + available, body.length * 2));
            }
            System.arraycopy(readBuffer, readPos, body, length, available);
            length += available;
            readPos = readLimit;
        }
    }

    private void readFully(byte[] target, int offset, int length) throws IOException {
        int buffered = Math.min(length, readLimit - readPos);
        System.arraycopy(readBuffer, readPos, target, offset, buffered);
        readPos += buffered;
        int done = buffered;
        while (done < length) {
            // Large bodies go straight from the socket into the target, without a copy through the buffer.
            socket.setSoTimeout(remainingMillis(deadlineNanos));
            int read = in.read(target, offset + done, length - done);
            if (read < 0) {
                throw new EOFException("connection closed " + (length - done) + " bytes before the end of the body");
            }
            received = true;
            done += read;
        }
    }

    /** Reads one line into {@link #line} without its CRLF (or bare LF) and returns its length. */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            if (readPos == readLimit && !fill()) {
                throw new EOFException(received ? "connection closed in the middle of a response"
                        : "connection closed before a response");
            }
            byte b = readBuffer[readPos++];
            if (b == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n == line.length) {
                if (n >= MAX_LINE) {
                    throw new IOException("response line longer than " + MAX_LINE + " bytes");
                }
                line = Arrays.copyOf(line, n * 2);
            }
            line[n++] = b;
        }
    }

    private boolean fill() throws IOException {
        socket.setSoTimeout(remainingMillis(deadlineNanos));
        int read = in.read(readBuffer, 0, readBuffer.length);
        if (read < 0) {
            reusable = false;
            return false;
        }
        received = true;
        readPos = 0;
        readLimit = read;
        return true;
    }

    /** Milliseconds left before the deadline, at least 1 (0 would mean no timeout for the socket). */
    private static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw new SocketTimeoutException("request deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (remaining + 999_999) / 1_000_000));
    }

    private boolean nameIs(int length, String lowerCaseName) {
        if (length != lowerCaseName.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int c = line[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the comma-separated value holds {@code token} (case-insensitive). */
    private boolean containsToken(int start, int end, String token) {
        int i = start;
        while (i < end) {
            int itemEnd = indexOf(line, i, end, (byte) ',');
            if (itemEnd < 0) {
                itemEnd = end;
            }
            int a = i;
            int b = itemEnd;
            while (a < b && line[a] == ' ') {
                a++;
            }
            while (b > a && line[b - 1] == ' ') {
                b--;
            }
            if (b - a == token.length() && regionEqualsIgnoreCase(a, token)) {
                return true;
            }
            i = itemEnd + 1;
        }
        return false;
    }

    private boolean regionEqualsIgnoreCase(int start, String token) {
        for (int i = 0; i < token.length(); i++) {
            int c = line[start + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != token.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private long parseDecimal(int start, int end) throws IOException {
        if (start == end || end - start > 18) {
            throw new IOException("malformed content-length");
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IOException("malformed content-length");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private long parseHex(int start, int end) throws IOException {
        while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        if (start == end || end - start > 15) {
            throw new IOException("malformed chunk size");
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = Character.digit(line[i], 16);
            if (digit < 0) {
                throw new IOException("malformed chunk size");
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private void putAscii(String text) {
        int length = text.length();
        ensureWriteCapacity(length);
        for (int i = 0; i < length; i++) {
            writeBuffer[writeLength++] = (byte) text.charAt(i);
        }
    }

    private void put(byte[] bytes) {
        ensureWriteCapacity(bytes.length);
        System.arraycopy(bytes, 0, writeBuffer, writeLength, bytes.length);
        writeLength += bytes.length;
    }

    private void put(byte b) {
        ensureWriteCapacity(1);
        writeBuffer[writeLength++] = b;
    }

    private void ensureWriteCapacity(int more) {
        if (writeLength + more > writeBuffer.length) {
            writeBuffer = Arrays.copyOf(writeBuffer, Math.max(writeLength + more, writeBuffer.length * 2));
        }
    }

    static byte[] bytes(String ascii) {
        return ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** What the head of a response says about framing and reuse. */
    private static final class ResponseHead {
        int status;
        boolean keepAlive;
        long contentLength;
        boolean chunked;
        boolean gzip;
    }
}
