package io.baton.domain.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.templating.JinjaTemplates;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParameterHydrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> VARIABLES = Map.of("name", json("\"marvin\""), "n", json("null"));
    private static final ParameterHydration.Context CONTEXT = new ParameterHydration.Context(
            name -> Optional.ofNullable(VARIABLES.get(name)), new JinjaTemplates());

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode hydrate(String text) {
        return ParameterHydration.hydrate(json(text), CONTEXT);
    }

    @Test
    void kinds() {
        assertThat(hydrate("{'a': {'__prefect_kind': 'json', 'value': '[1, {\\'b\\': 2}]'}}"))
                .isEqualTo(json("{'a': [1, {'b': 2}]}"));
        assertThat(hydrate("{'a': {'__prefect_kind': 'workspace_variable', 'variable_name': 'name'}}"))
                .isEqualTo(json("{'a': 'marvin'}"));
        assertThat(hydrate("{'a': {'__prefect_kind': 'workspace_variable', 'variable_name': 'n'}}"))
                .isEqualTo(json("{'a': null}"));
        assertThat(hydrate("{'a': {'__prefect_kind': 'jinja', 'template': '{{ 6 * 7 }}'}}"))
                .isEqualTo(json("{'a': '42'}"));
        assertThat(hydrate("{'a': {'__prefect_kind': 'none', 'value': {'b': {'__prefect_kind': 'json', 'value': '1'}}}}"))
                .isEqualTo(json("{'a': {'b': 1}}"));
        assertThat(hydrate("{'a': {'__prefect_kind': 'other', 'value': 3}, 'b': {'__prefect_kind': 'other'}}"))
                .isEqualTo(json("{'a': 3, 'b': null}"));
        // A key's value may itself be hydrated first.
        assertThat(hydrate("{'a': {'__prefect_kind': 'workspace_variable', 'variable_name':"
                + " {'__prefect_kind': 'none', 'value': 'name'}}}")).isEqualTo(json("{'a': 'marvin'}"));
    }

    @Test
    void objectsWithoutTheirKeyAreDroppedOrRefused() {
        assertThat(hydrate("{'a': {'__prefect_kind': 'json'}, 'b': [{'__prefect_kind': 'workspace_variable'}, 1]}"))
                .isEqualTo(json("{'b': [1]}"));
        assertThat(hydrate("{'__prefect_kind': 'json'}")).isEqualTo(json("{}"));
        assertThatThrownBy(() -> hydrate("{'a': {'__prefect_kind': 'none'}}"))
                .hasMessage("Missing 'value' key in __prefect object");
        assertThatThrownBy(() -> hydrate("{'a': {'__prefect_kind': 'jinja'}}"))
                .hasMessage("Missing 'template' key in __prefect object");
    }

    @Test
    void failures() {
        assertThatThrownBy(() -> hydrate("{'a': {'__prefect_kind': 'workspace_variable', 'variable_name': 'x'}}"))
                .hasMessage("Variable 'x' not found in workspace.");
        assertThatThrownBy(() -> hydrate("{'a': {'__prefect_kind': 'json', 'value': '{'}}"))
                .hasMessageStartingWith("Invalid JSON: ");
        assertThatThrownBy(() -> hydrate("{'a': {'__prefect_kind': 'json', 'value': ''}}"))
                .hasMessageStartingWith("Invalid JSON: ");
        assertThatThrownBy(() -> hydrate("{'a': {'__prefect_kind': 'json', 'value': [1]}}"))
                .hasMessage("Invalid JSON: the JSON object must be str, bytes or bytearray, not list");
        assertThatThrownBy(() -> hydrate("{'a': {'__prefect_kind': 'jinja', 'template': '{% for %}'}}"))
                .hasMessageStartingWith("Invalid jinja: ");
    }

    @Test
    void onlyPrefectObjectsNeedHydration() {
        assertThat(ParameterHydration.needsHydration(json("{'a': [1, {'b': 'c'}]}"))).isFalse();
        assertThat(ParameterHydration.needsHydration(json("{'a': [1, {'__prefect_kind': 'json'}]}"))).isTrue();
        assertThat(ParameterHydration.needsHydration(null)).isFalse();
    }
}
