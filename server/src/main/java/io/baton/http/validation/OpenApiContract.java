package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Prefect REST API contract ({@code openapi.json}) as a request validator. Parse once at startup; schemas
 * are compiled on first use and cached, so all methods are safe to call from many request threads.
 */
public final class OpenApiContract {
    /** Classpath location of the bundled contract. */
    public static final String CLASSPATH_RESOURCE = "/openapi.json";
    private static final String[] METHODS = {"get", "put", "post", "delete", "patch", "head", "options"};

    private final SchemaCompiler compiler;
    private final Map<String, Operation> operations;
    private final Map<JsonNode, SchemaValidator> inline = new java.util.concurrent.ConcurrentHashMap<>();

    private OpenApiContract(SchemaCompiler compiler, Map<String, Operation> operations) {
        this.compiler = compiler;
        this.operations = operations;
    }

    public static OpenApiContract load(InputStream openapiJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(openapiJson);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document", e);
        }
        ServerDeviations.apply(root);
        InputLimitSchema.apply(root);
        SchemaCompiler compiler = new SchemaCompiler(root.path("components").path("schemas"));
        Map<String, Operation> operations = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op != null) {
                    String upper = method.toUpperCase(Locale.ROOT);
                    operations.put(key(upper, path.getKey()), new Operation(upper, path.getKey(), op, compiler));
                }
            }
        }
        return new OpenApiContract(compiler, Collections.unmodifiableMap(operations));
    }

    /** Loads the contract bundled at {@value #CLASSPATH_RESOURCE}. */
    public static OpenApiContract loadBundled() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is not on the classpath");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param method       HTTP method, any case
     * @param pathTemplate the path as written in the contract, without the {@code /api} prefix, e.g.
     *                     {@code /flows/{id}}
     */
    public Optional<Operation> operation(String method, String pathTemplate) {
        return Optional.ofNullable(operations.get(key(method.toUpperCase(Locale.ROOT), pathTemplate)));
    }

    public Collection<Operation> operations() {
        return operations.values();
    }

    public boolean hasSchema(String schemaName) {
        return compiler.hasSchema(schemaName);
    }

    /**
     * Validates a document against a named component schema, e.g. a websocket message against {@code Event};
     * error locations start with {@code locPrefix}.
     *
     * @throws java.util.NoSuchElementException when there is no such schema
     */
    public Validation validate(String schemaName, JsonNode value, String... locPrefix) {
        ErrorSink sink = ErrorSink.collecting();
        JsonNode input = value == null ? NullNode.instance : value;
        JsonNode coerced = compiler.named(schemaName).validate(input, Loc.root(locPrefix), sink, false);
        return Validation.of(coerced, sink.errors());
    }

    /**
     * Validates a document against an inline schema that may refer to components, for request bodies the
     * published schema does not describe (the {@code /ui} routes). Compiled schemas are cached by value.
     */
    public Validation validateInline(JsonNode schema, JsonNode value, String... locPrefix) {
        SchemaValidator validator = inline.computeIfAbsent(schema, s -> compiler.compile(s, null));
        ErrorSink sink = ErrorSink.collecting();
        JsonNode input = value == null ? NullNode.instance : value;
        JsonNode coerced = validator.validate(input, Loc.root(locPrefix), sink, false);
        return Validation.of(coerced, sink.errors());
    }

    /**
     * Compiles every component schema and every operation's body and parameter validators, failing fast on
     * unsupported or dangling schemas. Optional: everything is otherwise compiled on first use.
     */
    public void compileAll() {
        compiler.compileAllComponents();
        operations.values().forEach(Operation::compileAll);
    }

    private static String key(String method, String pathTemplate) {
        return method + " " + pathTemplate;
    }
}
