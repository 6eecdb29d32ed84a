package io.baton.http.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * One file of the UI bundle, held in memory with its validator and, for text worth compressing, a gzip copy
 * made the first time a client asks for it.
 */
final class UiAsset {

    /** Vite names built assets {@code name-<hash>.ext}; such a file never changes under its name. */
    private static final Pattern HASHED = Pattern.compile("^/assets/.+[-.][A-Za-z0-9_-]{8,}\\.[A-Za-z0-9]+$");
    private static final int MIN_GZIP_SIZE = 500;

    final String path;
    final byte[] bytes;
    final String contentType;
    final String etag;
    final boolean immutable;
    private volatile byte[] gzipped;

    UiAsset(String path, byte[] bytes) {
        this.path = path;
        this.bytes = bytes;
        this.contentType = ContentTypes.of(path);
        this.etag = "\"" + digest(bytes) + "\"";
        this.immutable = HASHED.matcher(path).matches();
    }

    boolean compressible() {
        return bytes.length >= MIN_GZIP_SIZE && ContentTypes.isCompressible(contentType);
    }

    byte[] gzipped() {
        byte[] g = gzipped;
        if (g == null) {
            g = gzip(bytes);
            gzipped = g;
        }
        return g;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String digest(byte[] data) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
