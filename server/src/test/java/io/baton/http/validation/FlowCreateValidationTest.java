package io.baton.http.validation;

import static io.baton.http.validation.TestContract.errorsJson;
import static io.baton.http.validation.TestContract.json;
import static io.baton.http.validation.TestContract.op;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlowCreateValidationTest {
    private final Operation createFlow = op("POST", "/flows/");

    @Test
    void acceptsAValidFlow() {
        Validation v = createFlow.validateBody(json("""
                {"name": "my-flow", "tags": ["a", "b"], "labels": null}"""));
        assertThat(v.ok()).isTrue();
        assertThat(v.value()).isEqualTo(json("""
                {"name": "my-flow", "tags": ["a", "b"], "labels": null}"""));
    }

    @Test
    void missingNameIsReportedWithTheWholeObjectAsInput() {
        Validation v = createFlow.validateBody(json("""
                {"tags": []}"""));
        assertThat(v.ok()).isFalse();
        assertThat(v.value()).isNull();
        assertThat(errorsJson(v)).isEqualTo("""
                [{"type":"missing","loc":["body","name"],"msg":"Field required","input":{"tags":[]}}]""");
    }

    @Test
    void extraKeysAreForbiddenAfterFieldErrors() {
        Validation v = createFlow.validateBody(json("""
                {"bogus": 1, "name": 5}"""));
        assertThat(errorsJson(v)).isEqualTo("""
                [{"type":"string_type","loc":["body","name"],"msg":"Input should be a valid string","input":5},\
                {"type":"extra_forbidden","loc":["body","bogus"],"msg":"Extra inputs are not permitted","input":1}]""");
    }

    @Test
    void wrongContainerTypes() {
        Validation v = createFlow.validateBody(json("""
                {"name": "f", "tags": "x", "labels": []}"""));
        assertThat(errorsJson(v)).isEqualTo("""
                [{"type":"list_type","loc":["body","tags"],"msg":"Input should be a valid list","input":"x"},\
                {"type":"dict_type","loc":["body","labels"],"msg":"Input should be a valid dictionary","input":[]}]""");
    }

    @Test
    void namePatternIsEnforced() {
        Validation v = createFlow.validateBody(json("""
                {"name": "a/b"}"""));
        assertThat(errorsJson(v)).isEqualTo("""
                [{"type":"string_pattern_mismatch","loc":["body","name"],\
                "msg":"String should match pattern '^[^/%&><]+$'","input":"a/b",\
                "ctx":{"pattern":"^[^/%&><]+$"}}]""");
        // '$' means end of text, so a trailing newline does not sneak past the anchor
        assertThat(createFlow.validateBody(json("{\"name\": \"ok\\n\"}")).ok()).isTrue();
        assertThat(createFlow.validateBody(json("{\"name\": \"\"}")).errors()).extracting(ValidationError::type)
                .containsExactly("string_pattern_mismatch");
    }

    @Test
    void missingAndNonObjectBodies() {
        assertThat(errorsJson(createFlow.validateBody(null))).isEqualTo("""
                [{"type":"missing","loc":["body"],"msg":"Field required","input":null}]""");
        assertThat(errorsJson(createFlow.validateBody(json("null")))).isEqualTo("""
                [{"type":"missing","loc":["body"],"msg":"Field required","input":null}]""");
        assertThat(errorsJson(createFlow.validateBody(json("[1]")))).isEqualTo("""
                [{"type":"model_attributes_type","loc":["body"],\
                "msg":"Input should be a valid dictionary or object to extract fields from","input":[1]}]""");
    }

    @Test
    void labelValuesKeepTheirExactTypeInTheUnion() {
        Validation v = createFlow.validateBody(json("""
                {"name": "f", "labels": {"s": "3", "i": 2, "b": true, "f": 1.5}}"""));
        assertThat(v.ok()).isTrue();
        assertThat(v.value().get("labels")).isEqualTo(json("""
                {"s": "3", "i": 2, "b": true, "f": 1.5}"""));
    }

    @Test
    void unionFailuresAreTaggedPerBranch() {
        Validation v = createFlow.validateBody(json("""
                {"name": "f", "labels": {"k": [1]}}"""));
        assertThat(v.errors()).extracting(ValidationError::loc).containsExactly(
                java.util.List.of("body", "labels", "k", "bool"),
                java.util.List.of("body", "labels", "k", "int"),
                java.util.List.of("body", "labels", "k", "float"),
                java.util.List.of("body", "labels", "k", "str"));
        assertThat(v.errors()).extracting(ValidationError::type)
                .containsExactly("bool_type", "int_type", "float_type", "string_type");
    }
}
