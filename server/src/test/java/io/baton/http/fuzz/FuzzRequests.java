package io.baton.http.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Builds malformed requests for the operations of {@code openapi.json}: a plausible request generated from the
 * operation's schemas, with one class of bad input written into it. Each request knows whether the contract (with
 * the server's documented limits) makes it invalid, in which case a 2xx answer is a bug.
 */
final class FuzzRequests {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Escapes non-ASCII so that lone surrogates travel as {@code \\uXXXX} escapes. */
    private static final ObjectMapper MAPPER = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final Set<String> INDEXED = Set.of("name", "key", "slug", "tags", "tag", "version", "event",
            "flow_version", "work_queue_name", "work_pool_name", "block_type_slug", "task_key", "dynamic_key",
            "cache_key");
    private static final Set<String> PATTERNS = Set.of("like_", "startswith_", "prefix", "exclude_prefix", "id_prefix");
    /** 1 MB in indexed fields; other fields get 64 kB, past every limit too, to keep the run short. */
    private static final String HUGE_TEXT = "h".repeat(1024 * 1024);
    private static final String LARGE_TEXT = "l".repeat(64 * 1024);
    private static final BigInteger HUGE_INTEGER = BigInteger.TWO.pow(63);

    /** The classes of bad input, each written into a request by {@link #build}. */
    enum InputClass {
        DEEP_NESTING, NUL, HUGE_NUMBERS, BAD_PAGING, HUGE_STRINGS, WRONG_TYPES, MISSING_REQUIRED, UNKNOWN_FIELDS,
        INVALID_UTF8, LONE_SURROGATE, WRONG_CONTENT_TYPE, MALFORMED_PATH_ESCAPE
    }

    /** One operation of the contract. */
    record Operation(String method, String path, JsonNode spec) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        JsonNode bodySchema() {
            return spec.path("requestBody").path("content").path("application/json").path("schema");
        }

        boolean hasBody() {
            return !bodySchema().isMissingNode();
        }
    }

    /** A request as bytes on the wire, and whether it must be refused. */
    record FuzzRequest(String method, String target, String contentType, byte[] body, boolean invalid) {}

    private final JsonNode root;
    private final List<Operation> operations = new ArrayList<>();

    FuzzRequests() {
        try (InputStream in = FuzzRequests.class.getResourceAsStream("/openapi.json")) {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            // Destructive administration (dropping the database) would end the run, not test input handling.
            if (path.getKey().startsWith("/admin/database")) {
                continue;
            }
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                if (path.getValue().has(method)) {
                    operations.add(new Operation(method.toUpperCase(), path.getKey(), path.getValue().get(method)));
                }
            }
        }
    }

    List<Operation> operations() {
        return operations;
    }

    /** Tracks what a generated value holds, to tell whether the request is invalid. */
    private static final class Marks {
        boolean invalid;
        /** Huge strings written into fields that are not indexed, bounded to keep each body a few MB. */
        int hugeUnindexed;
    }

    FuzzRequest build(Operation op, InputClass input, Random random) {
        Marks marks = new Marks();
        String path = fillPath(op, input, random, marks);
        String query = query(op, input, random, marks);
        String target = "/api" + path + query;
        if (input == InputClass.MALFORMED_PATH_ESCAPE) {
            target = "/api" + path + (path.endsWith("/") ? "" : "/") + "%zz%4" + query;
            marks.invalid = true;
        }
        if (!op.hasBody()) {
            // Bodies sent to operations without one: parsed, so broken ones are still refused.
            byte[] body = switch (input) {
                case DEEP_NESTING -> deep().getBytes(StandardCharsets.UTF_8);
                case INVALID_UTF8 -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}'};
                default -> new byte[0];
            };
            boolean refused = marks.invalid || body.length > 0;
            return new FuzzRequest(op.method(), target, "application/json", body, refused);
        }
        JsonNode schema = op.bodySchema();
        boolean bodyRequired = op.spec().path("requestBody").path("required").asBoolean(false);
        return switch (input) {
            case DEEP_NESTING -> new FuzzRequest(op.method(), target, "application/json",
                    deep().getBytes(StandardCharsets.UTF_8), true);
            case WRONG_TYPES -> new FuzzRequest(op.method(), target, "application/json",
                    bytes(NODES.arrayNode().add("not").add(7)), true);
            case MISSING_REQUIRED -> {
                boolean required = !resolve(schema).path("required").isEmpty();
                yield new FuzzRequest(op.method(), target, "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                        marks.invalid || required || (bodyRequired && resolve(schema).path("properties").isEmpty()));
            }
            case INVALID_UTF8 -> {
                byte[] valid = bytes(sample(schema, null, InputClass.INVALID_UTF8, random, marks, 0, false));
                byte[] broken = new byte[valid.length + 6];
                System.arraycopy(valid, 0, broken, 0, valid.length);
                // a trailing string with a lone continuation byte, after a valid document: refused either way
                byte[] tail = {' ', '"', (byte) 0x80, (byte) 0xfe, '"', ' '};
                System.arraycopy(tail, 0, broken, valid.length, tail.length);
                yield new FuzzRequest(op.method(), target, "application/json", broken, true);
            }
            case WRONG_CONTENT_TYPE -> new FuzzRequest(op.method(), target, "text/plain",
                    bytes(sample(schema, null, InputClass.WRONG_CONTENT_TYPE, random, marks, 0, false)), true);
            default -> {
                JsonNode body = sample(schema, null, input, random, marks, 0, false);
                if (input == InputClass.UNKNOWN_FIELDS && body instanceof ObjectNode o) {
                    o.put("fuzz_unknown_" + random.nextInt(1000), "x");
                    o.set("__proto__", NODES.objectNode().put("polluted", true));
                }
                if (input == InputClass.NUL && body instanceof ObjectNode o) {
                    o.put("fuzz\u0000key", 1);
                    marks.invalid = true;
                }
                yield new FuzzRequest(op.method(), target, "application/json", bytes(body), marks.invalid);
            }
        };
    }

    private String fillPath(Operation op, InputClass input, Random random, Marks marks) {
        StringBuilder out = new StringBuilder();
        String path = op.path();
        int i = 0;
        while (i < path.length()) {
            int open = path.indexOf('{', i);
            if (open < 0) {
                out.append(path, i, path.length());
                break;
            }
            out.append(path, i, open);
            int close = path.indexOf('}', open);
            String name = path.substring(open + 1, close);
            JsonNode schema = parameter(op, name, "path");
            String format = resolve(schema).path("format").asText("");
            String value = format.equals("uuid") ? UUID.randomUUID().toString() : "fuzz-" + random.nextInt(1000);
            if (input == InputClass.NUL) {
                value = value + "%00";
                marks.invalid = true;
            } else if (input == InputClass.HUGE_STRINGS && !format.equals("uuid")) {
                value = "p".repeat(2000);
            }
            out.append(value);
            i = close + 1;
        }
        return out.toString();
    }

    private String query(Operation op, InputClass input, Random random, Marks marks) {
        StringBuilder q = new StringBuilder();
        for (JsonNode p : op.spec().path("parameters")) {
            if (!"query".equals(p.path("in").asText())) {
                continue;
            }
            String name = p.path("name").asText();
            // A lone surrogate cannot be %-encoded (it would become '?'): such values go in bodies only.
            InputClass inQuery = input == InputClass.LONE_SURROGATE ? InputClass.UNKNOWN_FIELDS : input;
            JsonNode value = sample(p.path("schema"), name, inQuery, random, marks, 0, false);
            if (value == null || value.isNull() || value.isContainerNode()) {
                continue;
            }
            q.append(q.isEmpty() ? "?" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value.asText(), StandardCharsets.UTF_8));
        }
        if (input == InputClass.NUL) {
            q.append(q.isEmpty() ? "?" : "&").append("fuzz=%00");
            marks.invalid = true;
        }
        return q.toString();
    }

    private JsonNode parameter(Operation op, String name, String in) {
        for (JsonNode p : op.spec().path("parameters")) {
            if (name.equals(p.path("name").asText()) && in.equals(p.path("in").asText())) {
                return p.path("schema");
            }
        }
        return NODES.objectNode();
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        String name = ref.asText().substring("#/components/schemas/".length());
        return root.path("components").path("schemas").path(name);
    }

    /**
     * A value for {@code schema} carrying {@code input}'s bad values in its leaves. {@code inUnion} is set below a
     * union with several non-null branches, where another branch might accept a bad leaf: such leaves do not make
     * the request invalid for sure.
     */
    private JsonNode sample(JsonNode schemaIn, String property, InputClass input, Random random, Marks marks,
                            int depth, boolean inUnion) {
        JsonNode schema = resolve(schemaIn);
        if (depth > 6) {
            return NODES.nullNode();
        }
        JsonNode union = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        if (union != null) {
            List<JsonNode> branches = new ArrayList<>();
            union.forEach(b -> {
                if (!"null".equals(b.path("type").asText())) {
                    branches.add(b);
                }
            });
            if (branches.isEmpty()) {
                return NODES.nullNode();
            }
            return sample(branches.get(0), property, input, random, marks, depth, inUnion || branches.size() > 1);
        }
        if (schema.has("allOf")) {
            return sample(schema.get("allOf").get(0), property, input, random, marks, depth, inUnion);
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        switch (type) {
            case "string": {
                String format = schema.path("format").asText("");
                String plain = switch (format) {
                    case "uuid" -> UUID.randomUUID().toString();
                    case "date-time" -> Instant.now().toString();
                    case "date" -> "2026-01-01";
                    default -> "fuzz-" + Integer.toHexString(random.nextInt());
                };
                if (input == InputClass.NUL) {
                    marks.invalid = true;
                    return NODES.textNode(plain + "\u0000");
                }
                if (input == InputClass.LONE_SURROGATE) {
                    marks.invalid = true;
                    return NODES.textNode(plain + "\ud834");
                }
                if (input == InputClass.HUGE_STRINGS && format.isEmpty()) {
                    boolean indexed = property != null && (INDEXED.contains(property) || PATTERNS.contains(property));
                    if (indexed && !inUnion) {
                        marks.invalid = true;
                    }
                    if (indexed) {
                        return NODES.textNode(HUGE_TEXT);
                    }
                    if (marks.hugeUnindexed++ < 2) {
                        return NODES.textNode(LARGE_TEXT);
                    }
                }
                return NODES.textNode(plain);
            }
            case "integer": {
                boolean paging = "limit".equals(property) || "offset".equals(property);
                if (input == InputClass.BAD_PAGING && paging) {
                    if (!inUnion) {
                        marks.invalid = true;
                    }
                    return random.nextBoolean() ? NODES.numberNode(-1)
                            : NODES.numberNode(BigInteger.TWO.pow(31).add(BigInteger.valueOf(random.nextInt(1000))));
                }
                if (input == InputClass.HUGE_NUMBERS) {
                    if (!inUnion) {
                        marks.invalid = true;
                    }
                    return NODES.numberNode(random.nextBoolean() ? HUGE_INTEGER : HUGE_INTEGER.negate());
                }
                long min = schema.path("minimum").asLong(0);
                return NODES.numberNode(Math.max(min, 1));
            }
            case "number":
                if (input == InputClass.HUGE_NUMBERS) {
                    return NODES.numberNode(new java.math.BigDecimal("1e400"));
                }
                return NODES.numberNode(1.5);
            case "boolean":
                return NODES.booleanNode(true);
            case "array": {
                ArrayNode a = NODES.arrayNode();
                JsonNode item = sample(schema.path("items"), property, input, random, marks, depth + 1, inUnion);
                if (!item.isNull()) {
                    a.add(item);
                }
                return a;
            }
            case "object": {
                ObjectNode o = NODES.objectNode();
                JsonNode properties = schema.path("properties");
                for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    o.set(p.getKey(), sample(p.getValue(), p.getKey(), input, random, marks, depth + 1, inUnion));
                }
                if (properties.isEmpty() && input == InputClass.NUL) {
                    o.put("free", "x\u0000");
                    marks.invalid = true;
                }
                return o;
            }
            default:
                return input == InputClass.NUL ? NODES.textNode("any\u0000") : NODES.textNode("any");
        }
    }

    private static String deep() {
        return "{\"a\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
