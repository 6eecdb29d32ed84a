package io.baton.domain.work;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JobVariableCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final JsonNode TEMPLATE = json("{'job_configuration': {}, 'variables': {'type': 'object',"
            + " 'properties': {'cpu': {'type': 'integer'}, 'image': {'type': 'string'},"
            + " 'pull': {'type': 'boolean', 'default': 'not a boolean'}, 'name': {'type': 'string', 'default': 'x'}},"
            + " 'required': ['image', 'name']}}");

    @Test
    void deploymentsIgnoreRequiredFields() {
        assertThat(JobVariableCheck.forDeployment(TEMPLATE, json("{'cpu': 1}"))).isEmpty();
        assertThat(JobVariableCheck.forDeployment(TEMPLATE, json("{}"))).isEmpty();
        assertThat(JobVariableCheck.forDeployment(TEMPLATE, json("{'cpu': 'x'}"))).contains(
                "Validation failed for field 'cpu'. Failure reason: 'x' is not valid under any of the given schemas");
        assertThat(JobVariableCheck.forDeployment(json("{'job_configuration': {}}"), json("{'cpu': 'x'}"))).isEmpty();
        assertThat(JobVariableCheck.forDeployment(null, json("{'cpu': 'x'}"))).isEmpty();
    }

    @Test
    void runsNeedRequiredFieldsUnlessADefaultCouldNotBeUsed() {
        JsonNode valid = json("{'job_configuration': {}, 'variables': {'properties': {'image': {'type': 'string'},"
                + " 'name': {'type': 'string', 'default': 'x'}}, 'required': ['image', 'name']}}");
        assertThat(JobVariableCheck.forFlowRun(valid, json("{}"), null))
                .contains("Validation failed. Failure reason: 'image' is a required property");
        assertThat(JobVariableCheck.forFlowRun(valid, json("{'image': 'a'}"), null)).isEmpty();
        assertThat(JobVariableCheck.forFlowRun(valid, null, json("{'image': 'a'}"))).isEmpty();
        // TEMPLATE's default for 'pull' is invalid: required fields are then not enforced.
        assertThat(JobVariableCheck.forFlowRun(TEMPLATE, json("{}"), null)).isEmpty();
    }

    @Test
    void configurationExcusesDefaultedRequiredFieldsAndReprsTheError() {
        assertThat(JobVariableCheck.configurationViolation(TEMPLATE, json("{'image': 'a'}"))).isEmpty();
        assertThat(JobVariableCheck.configurationViolation(TEMPLATE, json("{}")))
                .contains("<ValidationError: \"'image' is a required property\">");
        assertThat(JobVariableCheck.configurationViolation(TEMPLATE, json("{'image': 'a', 'cpu': 1.5}")))
                .contains("<ValidationError: \"1.5 is not of type 'integer'\">");
        assertThat(JobVariableCheck.configurationViolation(TEMPLATE, null))
                .contains("<ValidationError: \"'image' is a required property\">");
    }
}
