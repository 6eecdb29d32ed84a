package io.baton.http.validation;

import static io.baton.http.validation.TestContract.errorsJson;
import static io.baton.http.validation.TestContract.json;
import static io.baton.http.validation.TestContract.op;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryAndPathValidationTest {

    @Test
    void queryStringsAreCoercedAndDefaultsFilledIn() {
        Operation readBlock = op("GET", "/block_documents/{id}");
        assertThat(readBlock.validateQuery(Map.of("include_secrets", List.of("True"))).value())
                .isEqualTo(json("{\"include_secrets\": true}"));
        assertThat(readBlock.validateQuery(Map.of()).value()).isEqualTo(json("{\"include_secrets\": false}"));
        assertThat(readBlock.validateQuery(Map.of("include_secrets", List.of("no", "1"))).value())
                .as("last value wins").isEqualTo(json("{\"include_secrets\": true}"));
        assertThat(errorsJson(readBlock.validateQuery(Map.of("include_secrets", List.of("perhaps"))))).isEqualTo("""
                [{"type":"bool_parsing","loc":["query","include_secrets"],\
                "msg":"Input should be a valid boolean, unable to interpret input","input":"perhaps"}]""");
    }

    @Test
    void requiredQueryParameterMissingOrMalformed() {
        Operation states = op("GET", "/flow_run_states/");
        assertThat(errorsJson(states.validateQuery(Map.of()))).isEqualTo("""
                [{"type":"missing","loc":["query","flow_run_id"],"msg":"Field required","input":null}]""");
        Validation bad = states.validateQuery(Map.of("flow_run_id", List.of("1234")));
        assertThat(errorsJson(bad)).isEqualTo("""
                [{"type":"uuid_parsing","loc":["query","flow_run_id"],"msg":"Input should be a valid UUID, \
                invalid length: expected length 32 for simple format, found 4","input":"1234",\
                "ctx":{"error":"invalid length: expected length 32 for simple format, found 4"}}]""");
    }

    @Test
    void datetimeQueryParameterWithDefault() {
        Operation graph = op("GET", "/flow_runs/{id}/graph-v2");
        assertThat(graph.validateQuery(Map.of()).value())
                .isEqualTo(json("{\"since\": \"0001-01-01T00:00:00+00:00\"}"));
        assertThat(graph.validateQuery(Map.of("since", List.of("2024-03-01T12:30:00.5-05:00"))).value())
                .isEqualTo(json("{\"since\": \"2024-03-01T12:30:00.500000-05:00\"}"));
        assertThat(graph.validateQuery(Map.of("since", List.of("1700000000"))).value())
                .isEqualTo(json("{\"since\": \"2023-11-14T22:13:20+00:00\"}"));
    }

    @Test
    void uuidPathParametersFollowTheRouteConvertor() {
        Operation readFlow = op("GET", "/flows/{id}");
        assertThat(readFlow.pathParamMatches("id", "5f2c7a3e-1b4d-4c8e-9f0a-1234567890ab")).isTrue();
        assertThat(readFlow.pathParamMatches("id", "5F2C7A3E1B4D4C8E9F0A1234567890AB")).isTrue();
        assertThat(readFlow.pathParamMatches("id", "not-a-uuid")).isFalse();
        assertThat(readFlow.pathParamMatches("id", "5f2c7a3e-1b4d-4c8e-9f0a-1234567890a")).isFalse();
        assertThat(readFlow.validatePath(Map.of("id", "5F2C7A3E1B4D4C8E9F0A1234567890AB")).value())
                .isEqualTo(json("{\"id\": \"5f2c7a3e-1b4d-4c8e-9f0a-1234567890ab\"}"));
        // names and non-uuid params always match the route
        assertThat(op("GET", "/flows/name/{name}").pathParamMatches("name", "anything")).isTrue();
        assertThat(op("GET", "/v2/concurrency_limits/{id_or_name}").pathParamMatches("id_or_name", "x")).isTrue();
    }

    @Test
    void enumPathParameterAnswers422() {
        Operation countBy = op("POST", "/events/count-by/{countable}");
        assertThat(countBy.validatePath(Map.of("countable", "day")).ok()).isTrue();
        assertThat(errorsJson(countBy.validatePath(Map.of("countable", "week")))).isEqualTo("""
                [{"type":"enum","loc":["path","countable"],\
                "msg":"Input should be 'day', 'time', 'event' or 'resource'","input":"week",\
                "ctx":{"expected":"'day', 'time', 'event' or 'resource'"}}]""");
    }

    @Test
    void idOrNameKeepsTheStringBranchUnchanged() {
        Operation readLimit = op("GET", "/v2/concurrency_limits/{id_or_name}");
        assertThat(readLimit.validatePath(Map.of("id_or_name", "5F2C7A3E1B4D4C8E9F0A1234567890AB")).value())
                .isEqualTo(json("{\"id_or_name\": \"5F2C7A3E1B4D4C8E9F0A1234567890AB\"}"));
    }
}
