package io.baton.http.validation;

import static io.baton.http.validation.TestContract.CONTRACT;
import static io.baton.http.validation.TestContract.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractCompilationTest {

    @Test
    void everyComponentSchemaAndOperationCompiles() {
        assertThatCode(CONTRACT::compileAll).doesNotThrowAnyException();
        assertThat(CONTRACT.operations()).hasSize(179);
    }

    @Test
    void everyOperationValidatesAnEmptyRequestWithoutThrowing() {
        for (Operation op : CONTRACT.operations()) {
            assertThatCode(() -> {
                op.validateBody(null);
                op.validateBody(json("{}"));
                op.validateBody(json("[1, \"x\", {\"a\": null}]"));
                op.validateQuery(Map.of());
                op.validatePath(Map.of());
            }).as(op.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void bundledCopyIsTheReferenceContract() throws IOException {
        try (InputStream bundled = OpenApiContract.class.getResourceAsStream(OpenApiContract.CLASSPATH_RESOURCE)) {
            assertThat(bundled).isNotNull();
            assertThat(bundled.readAllBytes()).isEqualTo(java.nio.file.Files.readAllBytes(TestContract.openapiPath()));
        }
        assertThat(OpenApiContract.loadBundled().operation("post", "/flows/").map(Operation::operationId))
                .contains("create_flow_flows__post");
    }

    @Test
    void lookupIsByMethodAndTemplate() {
        assertThat(CONTRACT.operation("GET", "/flows/{id}")).isPresent();
        assertThat(CONTRACT.operation("POST", "/flows/filter").orElseThrow().hasRequestBody()).isTrue();
        assertThat(CONTRACT.operation("GET", "/flows/{id}").orElseThrow().hasRequestBody()).isFalse();
        assertThat(CONTRACT.operation("POST", "/no/such/route")).isEmpty();
    }
}
