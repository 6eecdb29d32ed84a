package io.baton.http;

import io.baton.domain.InputLimits;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Locale;

/** Reading request bodies: the size bound, framing failures, and which content types are JSON. */
final class RequestBodies {

    static final String PARSE_ERROR = "There was an error parsing the body";

    private RequestBodies() {}

    /**
     * Refuses a body announced larger than {@link InputLimits#MAX_BODY_BYTES} before any of it is read, and
     * closes the connection so the rest is never read either. A chunked body is bounded while it is read.
     */
    static void refuseOversize(Context ctx) {
        String declared = ctx.header("Content-Length");
        if (declared == null) {
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return; // Jetty refuses a malformed Content-Length itself, with 400
        }
        if (length > InputLimits.MAX_BODY_BYTES) {
            throw tooLarge();
        }
    }

    static ApiException tooLarge() {
        return ApiException.detail(413, "Request body larger than " + InputLimits.MAX_BODY_BYTES + " bytes",
                java.util.Map.of("Connection", "close"));
    }

    /**
     * The body's bytes. A body that passes the size bound while it is read is a 413; one that cannot be read
     * (a bad chunk size, fewer bytes than its Content-Length) a 400 with FastAPI's message.
     */
    static byte[] read(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            if (e.getStatus() == 413) {
                throw tooLarge();
            }
            throw e;
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw ApiException.detail(400, PARSE_ERROR, java.util.Map.of("Connection", "close"));
        }
    }

    /** FastAPI parses a body as JSON when it has no content type, or {@code application/json} or {@code +json}. */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/")
                && mediaType.endsWith("+json"));
    }
}
