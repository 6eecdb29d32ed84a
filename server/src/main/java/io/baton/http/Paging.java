package io.baton.http;

import com.fasterxml.jackson.databind.JsonNode;

/** Body {@code limit} / {@code offset} / {@code page} handling shared by list routes. */
public final class Paging {

    private Paging() {}

    /**
     * The limit of a list request: absent means the configured default; out of range is Prefect's 422
     * with a {@code detail} body (not a clamp).
     */
    public static int limit(JsonNode body, int maxLimit) {
        JsonNode limit = body.path("limit");
        if (limit.isMissingNode() || limit.isNull()) {
            return maxLimit;
        }
        int value = limit.isNumber() && !limit.canConvertToInt()
                ? (limit.asDouble() < 0 ? -1 : Integer.MAX_VALUE) : limit.asInt();
        if (value > maxLimit) {
            throw ApiException.detail(422, "Invalid limit: must be less than or equal to " + maxLimit + ".");
        }
        if (value < 0) {
            throw ApiException.detail(422, "Invalid limit: must be greater than or equal to 0.");
        }
        return value;
    }

    /** The offset of a list request; past 32 bits or negative is a 422 (routes outside the contract included). */
    public static int offset(JsonNode body) {
        JsonNode offset = body.path("offset");
        if ((offset.isNumber() && !offset.canConvertToInt()) || offset.asInt(0) < 0) {
            throw ApiException.detail(422, "Invalid offset: must be between 0 and " + Integer.MAX_VALUE + ".");
        }
        return offset.asInt(0);
    }

    public static int page(JsonNode body) {
        return Math.max(1, body.path("page").asInt(1));
    }

    public static String sort(JsonNode body) {
        JsonNode sort = body.path("sort");
        return sort.isTextual() ? sort.asText() : null;
    }

    /** The {@code /x/paginate} response. */
    public record Page<T>(java.util.List<T> results, long count, int limit, long pages, int page) {
        public static <T> Page<T> of(java.util.List<T> results, long count, int limit, int page) {
            long pages = limit == 0 ? 0 : (count + limit - 1) / limit;
            return new Page<>(results, count, limit, pages, page);
        }
    }
}
