package io.baton.http.ui;

import java.util.Locale;
import java.util.Map;

/** Media types of the files a UI bundle holds, by extension. */
final class ContentTypes {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("wasm", "application/wasm"));

    private ContentTypes() {}

    static String of(String path) {
        int dot = path.lastIndexOf('.');
        String ext = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(ext, "application/octet-stream");
    }

    /** Fonts in woff/woff2 and raster images are compressed already. */
    static boolean isCompressible(String contentType) {
        return contentType.startsWith("text/") || contentType.startsWith("application/json")
                || contentType.startsWith("application/manifest+json") || contentType.startsWith("application/xml")
                || contentType.startsWith("image/svg+xml") || contentType.startsWith("font/ttf")
                || contentType.startsWith("image/x-icon");
    }
}
