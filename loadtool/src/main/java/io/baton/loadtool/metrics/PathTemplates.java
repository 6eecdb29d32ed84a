package io.baton.loadtool.metrics;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns concrete request paths into route templates so latencies aggregate per route:
 * {@code /api/flow_runs/5f0c.../set_state} becomes {@code /flow_runs/{id}/set_state}.
 */
public final class PathTemplates {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** Fixed words that may follow a collection whose items are addressed by name. */
    private static final Set<String> WORK_POOL_WORDS = Set.of("filter", "count", "");
    private static final Set<String> QUEUE_OR_WORKER_WORDS = Set.of("filter", "heartbeat", "count", "");

    private PathTemplates() {
    }

    /**
     * @param basePath the path prefix of the API base URL (for example {@code /api}); stripped when present
     * @param rawPath  the request path, possibly with a query string
     */
    public static String template(String basePath, String rawPath) {
        String path = rawPath;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (basePath != null && !basePath.isEmpty() && !basePath.equals("/") && path.startsWith(basePath)) {
            path = path.substring(basePath.length());
        }
        if (path.isEmpty()) {
            return "/";
        }
        boolean trailingSlash = path.endsWith("/") && path.length() > 1;
        String[] segments = path.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (i == segments.length - 1 && segment.isEmpty()) {
                break;
            }
            out.append('/').append(templateSegment(segments, i));
        }
        if (trailingSlash) {
            out.append('/');
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    private static String templateSegment(String[] segments, int i) {
        String segment = segments[i];
        if (UUID.matcher(segment).matches()) {
            return "{id}";
        }
        if (NUMBER.matcher(segment).matches()) {
            return "{n}";
        }
        String previous = segments[i - 1];
        String beforePrevious = i >= 2 ? segments[i - 2] : "";
        if (previous.equals("work_pools") && !WORK_POOL_WORDS.contains(segment)) {
            return "{name}";
        }
        if ((previous.equals("queues") || previous.equals("workers"))
                && i >= 3 && segments[i - 3].equals("work_pools")
                && !QUEUE_OR_WORKER_WORDS.contains(segment)) {
            return previous.equals("queues") ? "{queue}" : "{worker}";
        }
        if (previous.equals("name") && i >= 2) {
            // /flows/name/{name}, /variables/name/{name}, /deployments/name/{flow}/{deployment}
            return "{name}";
        }
        if (beforePrevious.equals("name") && i >= 3 && segments[i - 3].equals("deployments")) {
            return "{name}";
        }
        if (previous.equals("slug")) {
            return "{slug}";
        }
        if (previous.equals("key") && i >= 2 && segments[i - 2].equals("artifacts")) {
            return "{key}";
        }
        return segment;
    }
}
