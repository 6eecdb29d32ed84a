package io.baton.http.validation;

import static io.baton.http.validation.TestContract.CONTRACT;
import static io.baton.http.validation.TestContract.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

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
    void lookupIsByMethodAndTemplate() {
        assertThat(CONTRACT.operation("GET", "/flows/{id}")).isPresent();
        assertThat(CONTRACT.operation("POST", "/flows/filter").orElseThrow().hasRequestBody()).isTrue();
        assertThat(CONTRACT.operation("GET", "/flows/{id}").orElseThrow().hasRequestBody()).isFalse();
        assertThat(CONTRACT.operation("POST", "/no/such/route")).isEmpty();
    }
}
