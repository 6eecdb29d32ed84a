package io.baton.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.javalin.http.Context;
import java.util.UUID;

/** One request after validation: the coerced body and query, typed path parameters, headers. */
public final class ApiCall {

    private final Context ctx;
    private final JsonNode body;
    private final JsonNode query;

    ApiCall(Context ctx, JsonNode body, JsonNode query) {
        this.ctx = ctx;
        this.body = body == null ? MissingNode.getInstance() : body;
        this.query = query == null ? MissingNode.getInstance() : query;
    }

    /** The validated request body; a missing node when there was none. */
    public JsonNode body() {
        return body;
    }

    /** The validated query parameters as an object (coerced to their declared types). */
    public JsonNode query() {
        return query;
    }

    public String path(String name) {
        return ctx.pathParam(name);
    }

    /** A path parameter declared as a UUID (already checked by the router). */
    public UUID uuid(String name) {
        return UUID.fromString(ctx.pathParam(name));
    }

    public String header(String name) {
        return ctx.header(name);
    }

    public Context ctx() {
        return ctx;
    }
}
