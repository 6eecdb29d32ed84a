package io.baton.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The wire contract for tests: finds the operation of a request in {@code openapi.json} and validates a
 * response body against the operation's declared success schema (whatever 2xx code was answered, since
 * Prefect answers 200 or 201 dynamically where the schema declares one).
 */
public final class Contract {

    /** Operations the published schema does not describe; their bodies are checked by their own tests. */
    public static final Set<String> UNDOCUMENTED_PREFIXES = Set.of("/ui/", "/ui-settings", "/metrics");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static volatile Contract instance;

    private final JsonNode components;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    public record Route(String method, String template, Pattern pattern, JsonNode operation) {}

    public static Contract get() {
        if (instance == null) {
            synchronized (Contract.class) {
                if (instance == null) {
                    instance = new Contract(bundled());
                }
            }
        }
        return instance;
    }

    /** The contract the server carries: Prefect's structure without its prose (bin/derive-contract). */
    private static JsonNode bundled() {
        try (InputStream in = Contract.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is not on the test classpath");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Contract(JsonNode root) {
        this.components = root.path("components");
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            String regex = "^" + Pattern.quote(path.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "/?$";
            regex = regex.replace("\\Q\\E", "");
            Pattern pattern = Pattern.compile(regex);
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                routes.add(new Route(op.getKey().toUpperCase(), path.getKey(), pattern, op.getValue()));
            }
        }
        // Literal segments win over parameters: /flows/count before /flows/{id}.
        routes.sort(Comparator.comparingInt((Route r) -> r.template().split("\\{").length)
                .thenComparing(r -> -r.template().length()));
    }

    public Optional<Route> find(String method, String path) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (!p.endsWith("/") && routes.stream().noneMatch(r -> r.pattern().matcher(p).matches())) {
            return Optional.empty();
        }
        return routes.stream()
                .filter(r -> r.method().equals(method) && r.pattern().matcher(p).matches())
                .findFirst();
    }

    public List<Route> routes() {
        return routes;
    }

    /** Validation messages for a response body; empty when it conforms (or has no declared schema). */
    public List<String> validate(String method, String path, int status, JsonNode body) {
        Optional<Route> route = find(method, path);
        if (route.isEmpty()) {
            return List.of();
        }
        JsonNode responses = route.get().operation().path("responses");
        JsonNode schema = null;
        for (String code : List.of(String.valueOf(status), "200", "201", "202")) {
            JsonNode s = responses.path(code).path("content").path("application/json").path("schema");
            if (!s.isMissingNode()) {
                schema = s;
                break;
            }
        }
        if (schema == null || status == 204) {
            return List.of();
        }
        String key = route.get().method() + " " + route.get().template() + " " + status;
        JsonNode finalSchema = schema;
        JsonSchema compiledSchema = compiled.computeIfAbsent(key, k -> compile(finalSchema));
        Set<ValidationMessage> messages = compiledSchema.validate(body);
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
    }

    /**
     * Whether the 2xx of an operation declares an empty schema, which any body meets. Prefect declares
     * {@code application/json: {}} for responses it streams itself: {@code GET /flow_runs/{id}/logs/download}
     * answers {@code text/csv}, so a non-JSON body of such an operation still conforms.
     */
    public boolean acceptsAnyBody(Route route, int status) {
        JsonNode responses = route.operation().path("responses");
        JsonNode response = responses.has(String.valueOf(status)) ? responses.path(String.valueOf(status)) : responses.path("200");
        JsonNode schema = response.path("content").path("application/json").path("schema");
        return schema.isObject() && schema.isEmpty();
    }

    /** Validates a value against a named component schema. */
    public List<String> validateComponent(String name, JsonNode value) {
        JsonSchema schema = compiled.computeIfAbsent("component " + name,
                k -> compile(MAPPER.createObjectNode().put("$ref", "#/components/schemas/" + name)));
        return schema.validate(value).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private JsonSchema compile(JsonNode schema) {
        ObjectNode wrapper = schema.isObject() ? ((ObjectNode) schema).deepCopy() : MAPPER.createObjectNode();
        wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        wrapper.set("components", components);
        return factory.getSchema(wrapper, config);
    }
}
