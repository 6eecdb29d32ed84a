package io.baton.loadtool.http;

import java.nio.charset.StandardCharsets;

/** Turns a path (with optional query) into the ASCII request target written on the request line. */
final class RequestTargets {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestTargets() {
    }

    /**
     * Non-ASCII characters are percent-encoded as UTF-8, as the JDK client did.
     *
     * @throws IllegalArgumentException for an empty target, or one with spaces or control characters
     */
    static String encode(String target) {
        if (target.isEmpty()) {
            return "/";
        }
        boolean ascii = true;
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("illegal character in request target at index " + i);
            }
            if (c > 0x7f) {
                ascii = false;
            }
        }
        if (target.charAt(0) != '/') {
            throw new IllegalArgumentException("request target must start with /: " + target);
        }
        if (ascii) {
            return target;
        }
        StringBuilder out = new StringBuilder(target.length() + 16);
        for (byte b : target.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }
}
