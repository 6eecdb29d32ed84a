package io.baton.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.baton.http.validation.OpenApiContract;
import io.baton.http.validation.Validation;
import io.baton.http.validation.ValidationErrors;
import io.baton.json.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
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

    public ApiRouter(RoutesConfig routes, OpenApiContract contract, String basePath) {
        this.routes = routes;
        this.contract = contract;
        this.basePath = basePath;
    }

    public void get(String path, ApiHandler handler) {
        add(HandlerType.GET, path, handler);
    }

    public void post(String path, ApiHandler handler) {
        add(HandlerType.POST, path, handler);
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
        Optional<OpenApiContract.Operation> operation = contract.operation(method.name(), path);
        List<String> params = PATH_PARAM.matcher(path).results().map(m -> m.group(1)).toList();
        routes.addHttpHandler(method, basePath + path, ctx -> {
            OpenApiContract.Operation op = operation.orElse(null);
            if (op != null) {
                for (String param : params) {
                    if (!op.pathParamMatches(param, ctx.pathParam(param))) {
                        throw ApiException.detail(404, "Not Found");
                    }
                }
            }
            JsonNode body = readBody(ctx, op);
            JsonNode query = null;
            if (op != null) {
                Validation q = op.validateQuery(ctx.queryParamMap());
                if (!q.ok()) {
                    throw ApiException.validation(q.errors(), body == null ? Json.NODES.nullNode() : body);
                }
                query = q.value();
            }
            Object result = handler.handle(new ApiCall(ctx, body, query));
            write(ctx, result instanceof Reply reply ? reply : Reply.ok(result));
        });
    }

    private static JsonNode readBody(Context ctx, OpenApiContract.Operation op) {
        byte[] raw = ctx.bodyAsBytes();
        JsonNode parsed = null;
        if (raw.length > 0) {
            try {
                parsed = Json.MAPPER.readTree(raw);
            } catch (JsonProcessingException e) {
                int offset = e.getLocation() == null ? 0 : (int) Math.max(0, e.getLocation().getCharOffset());
                throw ApiException.validation(List.of(ValidationErrors.jsonInvalid(offset, e.getOriginalMessage())),
                        TextNode.valueOf(new String(raw, java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (op == null || !op.hasRequestBody()) {
            return parsed;
        }
        Validation v = op.validateBody(parsed);
        if (!v.ok()) {
            throw ApiException.validation(v.errors(), parsed == null ? Json.NODES.nullNode() : parsed);
        }
        return v.value();
    }

    static void write(Context ctx, Reply reply) {
        ctx.status(reply.status());
        if (reply.status() == 204) {
            return;
        }
        ctx.contentType("application/json");
        ctx.result(Json.writeBytes(reply.body()));
    }

    /** Fills path parameters of a template, for links such as next-page URLs. */
    public static String expand(String template, Map<String, String> values) {
        Matcher m = PATH_PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
