package io.baton.http.validation;

import static io.baton.http.validation.TestContract.CONTRACT;
import static io.baton.http.validation.TestContract.JSON;
import static io.baton.http.validation.TestContract.errorsJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The bundled contract is Prefect's structure without its prose ({@code bin/derive-contract}), and validates
 * exactly as Prefect's published document does: same operations, same 422 bodies for the same bad input.
 */
class DerivedContractTest {
    private static final Set<String> PROSE = Set.of("description", "title", "summary", "examples", "example");
    private static final Set<String> NAME_MAPS = Set.of("properties", "paths", "schemas", "responses", "content");
    private static final Set<String> DATA = Set.of("default", "enum", "const");

    @Test
    void bundledContractCarriesNoProse() throws IOException {
        JsonNode bundled = bundledTree();
        List<String> found = new ArrayList<>();
        collectProse(bundled.path("paths"), "paths", found);
        collectProse(bundled.path("components"), "components", found);
        assertThat(found).isEmpty();
    }

    @Test
    void operationsAndSchemasAreTheReferenceOnes() throws IOException {
        JsonNode bundled = bundledTree();
        JsonNode reference = JSON.readTree(TestContract.referencePath().toFile());
        assertThat(operationKeys(bundled)).isEqualTo(operationKeys(reference));
        assertThat(names(bundled.path("components").path("schemas")))
                .isEqualTo(names(reference.path("components").path("schemas")));
    }

    @Test
    void badBodiesGetTheSameErrorsAsFromTheReference() throws IOException {
        OpenApiContract reference = TestContract.loadReference();
        JsonNode bundled = bundledTree();
        int compared = 0;
        for (Operation op : CONTRACT.operations()) {
            Operation same = reference.operation(op.method(), op.pathTemplate()).orElseThrow();
            for (JsonNode body : badBodies(op, bundled)) {
                assertThat(errorsJson(op.validateBody(body))).as(op + " " + body)
                        .isEqualTo(errorsJson(same.validateBody(body)));
                compared++;
            }
            assertThat(errorsJson(op.validateQuery(Map.of("limit", List.of("x"), "offset", List.of("-1")))))
                    .isEqualTo(errorsJson(same.validateQuery(Map.of("limit", List.of("x"), "offset", List.of("-1")))));
        }
        assertThat(compared).isGreaterThan(300);
    }

    /** Every field of the body's model set to values of the wrong shape, so errors reach into unions. */
    private static List<JsonNode> badBodies(Operation op, JsonNode root) {
        List<JsonNode> bodies = new ArrayList<>(List.of(JSON.createObjectNode(), JSON.createArrayNode().add(1)));
        JsonNode schema = root.path("paths").path(op.pathTemplate()).path(op.method().toLowerCase())
                .path("requestBody").path("content").path("application/json").path("schema");
        String ref = schema.path("$ref").asText("");
        if (!ref.isEmpty()) {
            schema = root.at(ref.substring(1));
        }
        Set<String> fields = names(schema.path("properties"));
        for (JsonNode bad : List.of(JSON.getNodeFactory().textNode("x"), JSON.getNodeFactory().numberNode(-1),
                JSON.createObjectNode().put("type", "x").put("unknown", 1), JSON.createArrayNode().add("x"))) {
            ObjectNode body = JSON.createObjectNode();
            fields.forEach(f -> body.set(f, bad));
            bodies.add(body);
        }
        return bodies;
    }

    private static JsonNode bundledTree() throws IOException {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(OpenApiContract.CLASSPATH_RESOURCE)) {
            return JSON.readTree(in);
        }
    }

    private static Set<String> operationKeys(JsonNode root) {
        Set<String> keys = new TreeSet<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                keys.add(op.getKey() + " " + path.getKey() + " " + op.getValue().path("operationId").asText())));
        return keys;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void collectProse(JsonNode node, String at, List<String> found) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectProse(node.get(i), at + "/" + i, found);
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (PROSE.contains(key)) {
                found.add(at + "/" + key);
            } else if (NAME_MAPS.contains(key)) {
                e.getValue().fields().forEachRemaining(named ->
                        collectProse(named.getValue(), at + "/" + key + "/" + named.getKey(), found));
            } else if (!DATA.contains(key)) {
                collectProse(e.getValue(), at + "/" + key, found);
            }
        }
    }
}
