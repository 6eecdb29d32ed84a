package io.baton.http.ui;

import io.baton.json.Json;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers every request no API route took: a file of the UI bundle, {@code index.html} for a page the
 * single-page app routes itself (only to clients that accept HTML), else Prefect's JSON 404.
 */
final class StaticUiHandler {

    private static final Pattern SINGLE_RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final String apiBase;
    private final String serveBase;
    private final Supplier<UiBundle> bundle;
    private final String lastModified;
    private final Instant lastModifiedInstant;

    StaticUiHandler(String apiBase, String serveBase, Supplier<UiBundle> bundle, Instant loadedAt) {
        this.apiBase = apiBase;
        this.serveBase = serveBase;
        this.bundle = bundle;
        this.lastModifiedInstant = loadedAt.truncatedTo(ChronoUnit.SECONDS);
        this.lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModifiedInstant.atZone(ZoneOffset.UTC));
    }

    void handle(Context ctx) {
        String path = ctx.path();
        if (path.equals(apiBase) || path.startsWith(apiBase + "/")) {
            notFound(ctx);
            return;
        }
        String relative = relativeToBase(path);
        if (relative == null) {
            notFound(ctx);
            return;
        }
        UiBundle files = bundle.get();
        UiAsset asset = files.get(relative);
        boolean read = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
        if (!read) {
            if (asset != null) {
                json(ctx, 405, Json.object().put("detail", "Method Not Allowed"));
            } else {
                notFound(ctx);
            }
            return;
        }
        if (asset == null) {
            if (!acceptsHtml(ctx) || files.isEmpty()) {
                notFound(ctx);
                return;
            }
            if (relative.equals("/v2") || relative.startsWith("/v2/")) {
                // Only one UI is mounted: old links into a second UI land on the same page of this one.
                String target = serveBase + relative.substring(3);
                ctx.redirect(target.isEmpty() ? "/" : target, HttpStatus.TEMPORARY_REDIRECT);
                return;
            }
            asset = files.index();
        }
        send(ctx, asset);
    }

    /** The path below the serve base, or null when the request lies outside it. */
    private String relativeToBase(String path) {
        if (serveBase.isEmpty()) {
            return path;
        }
        if (path.equals(serveBase)) {
            return "/";
        }
        return path.startsWith(serveBase + "/") ? path.substring(serveBase.length()) : null;
    }

    private void send(Context ctx, UiAsset asset) {
        ctx.header("ETag", asset.etag);
        ctx.header("Last-Modified", lastModified);
        ctx.header("Accept-Ranges", "bytes");
        if (asset.immutable) {
            ctx.header("Cache-Control", IMMUTABLE);
        }
        if (asset.compressible()) {
            ctx.header("Vary", "Accept-Encoding");
        }
        if (notModified(ctx, asset)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.contentType);
        String range = ctx.header("Range");
        if (range != null && sendRange(ctx, asset, range)) {
            return;
        }
        ctx.status(200);
        String acceptEncoding = ctx.header("Accept-Encoding");
        if (asset.compressible() && acceptEncoding != null && acceptEncoding.contains("gzip")) {
            // Set before the body so that the server's own compression leaves it alone.
            ctx.header("Content-Encoding", "gzip");
            ctx.result(asset.gzipped());
        } else {
            ctx.result(asset.bytes);
        }
    }

    private boolean notModified(Context ctx, UiAsset asset) {
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null) {
            return ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(asset.etag);
        }
        String ifModifiedSince = ctx.header("If-Modified-Since");
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !lastModifiedInstant.isAfter(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** One {@code bytes=a-b} range gets a 206; several ranges or other units get the whole file. */
    private static boolean sendRange(Context ctx, UiAsset asset, String header) {
        Matcher m = SINGLE_RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return false;
        }
        long length = asset.bytes.length;
        long start;
        long end;
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                start = Math.max(0, length - suffix);
                end = length - 1;
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
            }
        } catch (NumberFormatException e) {
            return false;
        }
        if (start >= length || start > end) {
            ctx.status(416).header("Content-Range", "bytes */" + length);
            ctx.result(new byte[0]);
            return true;
        }
        byte[] slice = java.util.Arrays.copyOfRange(asset.bytes, (int) start, (int) end + 1);
        ctx.status(206).header("Content-Range", "bytes " + start + "-" + end + "/" + length);
        ctx.result(slice);
        return true;
    }

    private static boolean acceptsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && (accept.contains("text/html") || accept.contains("application/xhtml+xml"));
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.writeBytes(body));
    }

    private static void notFound(Context ctx) {
        json(ctx, 404, Json.object().put("detail", "Not Found"));
    }
}
