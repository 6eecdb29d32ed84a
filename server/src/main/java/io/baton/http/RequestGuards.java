package io.baton.http;

import io.baton.app.Settings;
import io.baton.storage.CsrfTokenStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks every API request passes before its handler: CORS, basic auth, API version, CSRF. */
public final class RequestGuards {

    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)$");
    private static final Set<HandlerType> UNSAFE = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);
    private static final String MIN_API_VERSION = "0.8.0";

    private final Settings settings;
    private final CsrfTokenStore csrfTokens;
    /** The configured credentials' bytes; null when basic auth is off. */
    private final byte[] expectedCredentials;

    public RequestGuards(Settings settings, CsrfTokenStore csrfTokens) {
        this.settings = settings;
        this.csrfTokens = csrfTokens;
        this.expectedCredentials = settings.authString() == null ? null
                : settings.authString().getBytes(StandardCharsets.UTF_8);
    }

    /** Prefect's defaults: every origin, method and header allowed; preflights answered here. */
    public void cors(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Vary", "Origin");
        if (ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null) {
            ctx.header("Access-Control-Allow-Methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
            String requested = ctx.header("Access-Control-Request-Headers");
            if (requested != null) {
                ctx.header("Access-Control-Allow-Headers", requested);
            }
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(200).contentType("text/plain").result("OK");
            ctx.skipRemainingHandlers();
        }
    }

    public void authenticate(Context ctx) {
        if (expectedCredentials == null || ctx.method() == HandlerType.OPTIONS || isProbe(ctx)) {
            return;
        }
        if (!credentialsMatch(ctx.header("Authorization"))) {
            throw ApiException.exceptionMessage(401, "Unauthorized");
        }
    }

    /**
     * Websocket upgrades: the token travels in the first message, which the socket handler checks;
     * a wrong Authorization header on the upgrade itself is refused early.
     */
    public void authenticateUpgrade(Context ctx) {
        if (!acceptsUpgradeAuthorization(ctx.header("Authorization"))) {
            throw ApiException.exceptionMessage(401, "Unauthorized");
        }
    }

    /** A websocket upgrade may omit the header (the auth message carries the token) but not send a wrong one. */
    public boolean acceptsUpgradeAuthorization(String header) {
        return expectedCredentials == null || header == null || credentialsMatch(header);
    }

    /** True when a websocket auth message's token is acceptable. */
    public boolean acceptsToken(String token) {
        return expectedCredentials == null
                || (token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), expectedCredentials));
    }

    /**
     * Decodes this request's {@code Basic} credentials from the header it carries (nothing is remembered between
     * requests) and compares their bytes in constant time.
     */
    boolean credentialsMatch(String header) {
        if (header == null) {
            return false;
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Basic")) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(value.substring(space + 1).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(presented, expectedCredentials);
    }

    public boolean authRequired() {
        return settings.authString() != null;
    }

    private static boolean isProbe(Context ctx) {
        String path = ctx.path();
        return ctx.method() == HandlerType.GET && (path.equals(HttpServer.API_BASE + "/health")
                || path.equals(HttpServer.API_BASE + "/ready"));
    }

    public void checkApiVersion(Context ctx) {
        String version = ctx.header("X-PREFECT-API-VERSION");
        if (version == null || version.isEmpty()) {
            return;
        }
        var m = VERSION.matcher(version.trim());
        if (!m.matches()) {
            throw ApiException.detail(400, "Invalid X-PREFECT-API-VERSION header format.");
        }
        if (compare(version.trim(), MIN_API_VERSION) < 0) {
            throw ApiException.detail(400, "The request specified API version " + version
                    + " but this server requires version " + MIN_API_VERSION + " or higher.");
        }
    }

    public void checkCsrf(Context ctx) {
        if (!settings.csrfProtectionEnabled() || !UNSAFE.contains(ctx.method())) {
            return;
        }
        String token = ctx.header("Prefect-Csrf-Token");
        String client = ctx.header("Prefect-Csrf-Client");
        if (token == null || token.isEmpty()) {
            throw ApiException.detail(403, "Missing CSRF token.");
        }
        if (client == null || client.isEmpty()) {
            throw ApiException.detail(403, "Missing client identifier.");
        }
        if (!csrfTokens.isValid(client, token)) {
            throw ApiException.detail(403, "Invalid CSRF token or client identifier.");
        }
    }

    /** Compares dotted versions numerically. */
    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }
}
