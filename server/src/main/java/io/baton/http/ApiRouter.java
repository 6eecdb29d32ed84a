package io.baton.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.function.Consumer;
import io.baton.http.validation.JsonBodyParser;
import io.baton.http.validation.MalformedJsonException;
import io.baton.http.validation.OpenApiContract;
import io.baton.http.validation.Operation;
import io.baton.http.validation.StorableText;
import io.baton.http.validation.ValidationError;
import io.baton.http.validation.Validation;
import io.baton.http.validation.ValidationErrors;
import io.baton.json.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Registers API routes under the base path, each guarded by the OpenAPI contract: path parameters typed
 * as UUIDs must parse (else the route does not match: 404), the body and query must validate (else 422
 * in Prefect's shape). Routes absent from the published schema (the {@code /ui} routes) skip validation.
 */
public final class ApiRouter {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");

    private final RoutesConfig routes;
    private final OpenApiContract contract;
    private final String basePath;

    private final Consumer<Context> beforeHandler;

    /**
     * @param beforeHandler per-route checks that run after the route matched (e.g. the API-version header),
     *                      so that an unknown route or method still answers 404 / 405 first
     */
    public ApiRouter(RoutesConfig routes, OpenApiContract contract, String basePath, Consumer<Context> beforeHandler) {
        this.routes = routes;
        this.contract = contract;
        this.basePath = basePath;
        this.beforeHandler = beforeHandler;
    }

    public void get(String path, ApiHandler handler) {
        add(HandlerType.GET, path, handler);
    }

    public void post(String path, ApiHandler handler) {
        add(HandlerType.POST, path, handler);
    }

    /**
     * A POST whose handler removes NUL characters itself (Prefect's log ingestion): NUL is not refused there;
     * lone surrogates still are.
     */
    public void postStrippingNul(String path, ApiHandler handler) {
        add(HandlerType.POST, path, handler, true);
    }

    public void put(String path, ApiHandler handler) {
        add(HandlerType.PUT, path, handler);
    }

    public void patch(String path, ApiHandler handler) {
        add(HandlerType.PATCH, path, handler);
    }

    public void delete(String path, ApiHandler handler) {
        add(HandlerType.DELETE, path, handler);
    }

    public RoutesConfig routes() {
        return routes;
    }

    public String basePath() {
        return basePath;
    }

    private void add(HandlerType method, String path, ApiHandler handler) {
        add(method, path, handler, false);
    }

    private void add(HandlerType method, String path, ApiHandler handler, boolean nulStripped) {
        Optional<Operation> operation = contract.operation(method.name(), path);
        List<String> params = PATH_PARAM.matcher(path).results().map(m -> m.group(1)).toList();
        routes.addHttpHandler(method, basePath + path, ctx -> {
            Operation op = operation.orElse(null);
            if (op != null) {
                for (String param : params) {
                    if (!op.pathParamMatches(param, ctx.pathParam(param))) {
                        throw ApiException.detail(404, "Not Found");
                    }
                }
            }
            beforeHandler.accept(ctx);
            JsonNode parsed = parseBody(ctx, op);
            refuseUnstorableText(ctx, parsed, nulStripped);
            JsonNode body = parsed;
            JsonNode query = null;
            if (op != null) {
                List<ValidationError> errors = new ArrayList<>();
                errors.addAll(op.validatePath(ctx.pathParamMap()).errors());
                Validation q = op.validateQuery(ctx.queryParamMap());
                errors.addAll(q.errors());
                query = q.value();
                if (op.hasRequestBody()) {
                    Validation b = op.validateBody(parsed);
                    errors.addAll(b.errors());
                    body = b.value();
                }
                if (!errors.isEmpty()) {
                    throw ApiException.validation(errors, parsed == null ? Json.NODES.nullNode() : parsed);
                }
            }
            Object result = handler.handle(new ApiCall(ctx, body, query));
            write(ctx, result instanceof Reply reply ? reply : Reply.ok(result));
        });
    }

    /**
     * The body as JSON, or null when there is none. As FastAPI: parsed as JSON only without a content type or
     * with a JSON one; any other content type on an operation that takes a body is a 422, not parsed.
     */
    private static JsonNode parseBody(Context ctx, Operation op) {
        byte[] raw = RequestBodies.read(ctx);
        if (raw.length == 0) {
            return null;
        }
        if (!RequestBodies.isJson(ctx.header("Content-Type"))) {
            if (op != null && !op.hasRequestBody()) {
                return null;
            }
            JsonNode text = StorableText.echo(TextNode.valueOf(new String(raw, StandardCharsets.UTF_8)));
            throw ApiException.validation(List.of(ValidationErrors.notAnObject(List.of("body"), text)), text);
        }
        try {
            return JsonBodyParser.parseBytes(raw);
        } catch (MalformedJsonException e) {
            JsonNode echoed = e.rawText() == null ? null : StorableText.echo(TextNode.valueOf(e.rawText()));
            throw ApiException.validation(List.of(ValidationErrors.jsonInvalid(e)), echoed);
        }
    }

    /** NUL and lone surrogates anywhere in the request: 422 before validation, on every route. */
    private static void refuseUnstorableText(Context ctx, JsonNode body, boolean nulStripped) {
        ValidationError error = StorableText.checkParameters("path", pathParams(ctx));
        if (error == null) {
            error = StorableText.checkParameters("query", ctx.queryParamMap());
        }
        if (error == null) {
            error = StorableText.check(body, List.of("body"), nulStripped);
        }
        if (error != null) {
            throw ApiException.validation(List.of(error), StorableText.echo(body));
        }
    }

    private static Map<String, List<String>> pathParams(Context ctx) {
        Map<String, String> params = ctx.pathParamMap();
        if (params.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> out = new java.util.HashMap<>();
        params.forEach((k, v) -> out.put(k, List.of(v)));
        return out;
    }

    static void write(Context ctx, Reply reply) {
        ctx.status(reply.status());
        if (reply.status() == 204 || reply.body() == Reply.NO_BODY) {
            return;
        }
        ctx.contentType("application/json");
        ctx.result(Json.writeBytes(reply.body()));
    }
}
