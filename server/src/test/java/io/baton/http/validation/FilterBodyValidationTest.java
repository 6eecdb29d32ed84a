package io.baton.http.validation;

import static io.baton.http.validation.TestContract.errorsJson;
import static io.baton.http.validation.TestContract.json;
import static io.baton.http.validation.TestContract.op;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code Body_read_flows_flows_filter_post}: several independent body parameters. */
class FilterBodyValidationTest {
    private final Operation readFlows = op("POST", "/flows/filter");

    @Test
    void nestedFiltersAreValidatedAndCoerced() {
        Validation v = readFlows.validateBody(json("""
                {"flows": {"id": {"any_": ["0B8F6F2C3F9A4F0E8D7C6B5A49382716"]}, "name": {"like_": "mar"}},
                 "flow_runs": {"start_time": {"after_": "2024-05-01 10:00:00"}},
                 "sort": "CREATED_DESC", "limit": "5", "offset": 2.0}"""));
        assertThat(v.errors()).isEmpty();
        assertThat(v.value()).isEqualTo(json("""
                {"offset": 2,
                 "flows": {"id": {"any_": ["0b8f6f2c-3f9a-4f0e-8d7c-6b5a49382716"]}, "name": {"like_": "mar"}},
                 "flow_runs": {"start_time": {"after_": "2024-05-01T10:00:00+00:00"}},
                 "sort": "CREATED_DESC", "limit": 5}"""));
    }

    @Test
    void absentOrNullParametersTakeTheirDefaults() {
        assertThat(readFlows.validateBody(null).value()).isEqualTo(json("""
                {"offset": 0, "sort": "NAME_ASC"}"""));
        assertThat(readFlows.validateBody(json("""
                {"offset": null, "flows": null, "unknown_top_level": 1}""")).value()).isEqualTo(json("""
                {"offset": 0, "sort": "NAME_ASC"}"""));
    }

    @Test
    void errorsFollowParameterOrderWithEnumWording() {
        Validation v = readFlows.validateBody(json("""
                {"sort": "BOGUS", "limit": 1.5, "offset": -1,
                 "flows": {"name": {"any_": "x", "nope": 1}, "operator": "xor_"}}"""));
        assertThat(errorsJson(v)).isEqualTo("""
                [{"type":"greater_than_equal","loc":["body","offset"],\
                "msg":"Input should be greater than or equal to 0","input":-1,"ctx":{"ge":0}},\
                {"type":"enum","loc":["body","flows","operator"],"msg":"Input should be 'and_' or 'or_'",\
                "input":"xor_","ctx":{"expected":"'and_' or 'or_'"}},\
                {"type":"list_type","loc":["body","flows","name","any_"],"msg":"Input should be a valid list",\
                "input":"x"},\
                {"type":"extra_forbidden","loc":["body","flows","name","nope"],\
                "msg":"Extra inputs are not permitted","input":1},\
                {"type":"enum","loc":["body","sort"],\
                "msg":"Input should be 'CREATED_DESC', 'UPDATED_DESC', 'NAME_ASC' or 'NAME_DESC'","input":"BOGUS",\
                "ctx":{"expected":"'CREATED_DESC', 'UPDATED_DESC', 'NAME_ASC' or 'NAME_DESC'"}},\
                {"type":"int_from_float","loc":["body","limit"],\
                "msg":"Input should be a valid integer, got a number with a fractional part","input":1.5}]""");
    }

    @Test
    void aNonObjectBodyMakesEveryParameterMissing() {
        Validation v = op("POST", "/flow_runs/{id}/set_state").validateBody(json("[]"));
        assertThat(errorsJson(v)).isEqualTo("""
                [{"type":"missing","loc":["body","state"],"msg":"Field required","input":null},\
                {"type":"missing","loc":["body","force"],"msg":"Field required","input":null}]""");
    }
}
