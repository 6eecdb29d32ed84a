package io.baton.http.validation;

import static io.baton.http.validation.TestContract.errorsJson;
import static io.baton.http.validation.TestContract.json;
import static io.baton.http.validation.TestContract.op;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** StateCreate as embedded in the set_state body. */
class SetStateValidationTest {
    private final Operation setState = op("POST", "/flow_runs/{id}/set_state");

    @Test
    void validStateWithDetailsAndForceDefault() {
        Validation v = setState.validateBody(json("""
                {"state": {"type": "SCHEDULED", "name": "Scheduled", "message": null, "data": {"anything": [1]},
                           "state_details": {"scheduled_time": "2024-01-01T00:00:00Z",
                                             "flow_run_id": "5F2C7A3E-1B4D-4C8E-9F0A-1234567890AB",
                                             "pause_reschedule": "yes"}}}"""));
        assertThat(v.errors()).isEmpty();
        assertThat(v.value()).isEqualTo(json("""
                {"state": {"type": "SCHEDULED", "name": "Scheduled", "message": null, "data": {"anything": [1]},
                           "state_details": {"scheduled_time": "2024-01-01T00:00:00+00:00",
                                             "flow_run_id": "5f2c7a3e-1b4d-4c8e-9f0a-1234567890ab",
                                             "pause_reschedule": true}},
                 "force": false}"""));
    }

    @Test
    void missingStateAndBadFields() {
        assertThat(errorsJson(setState.validateBody(json("{\"force\": true}")))).isEqualTo("""
                [{"type":"missing","loc":["body","state"],"msg":"Field required","input":null}]""");

        Validation v = setState.validateBody(json("""
                {"state": {"type": "DONE", "extra": 1,
                           "state_details": {"flow_run_id": "not-a-uuid", "scheduled_time": "tomorrow"}},
                 "force": "maybe"}"""));
        assertThat(errorsJson(v)).isEqualTo("""
                [{"type":"enum","loc":["body","state","type"],"msg":"Input should be 'SCHEDULED', 'PENDING', \
                'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED', 'PAUSED' or 'CANCELLING'",\
                "input":"DONE","ctx":{"expected":"'SCHEDULED', 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED', \
                'CANCELLED', 'CRASHED', 'PAUSED' or 'CANCELLING'"}},\
                {"type":"uuid_parsing","loc":["body","state","state_details","flow_run_id"],\
                "msg":"Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` \
                followed by [0-9a-fA-F-], found `n` at 1","input":"not-a-uuid",\
                "ctx":{"error":"invalid character: expected an optional prefix of `urn:uuid:` followed by \
                [0-9a-fA-F-], found `n` at 1"}},\
                {"type":"datetime_parsing","loc":["body","state","state_details","scheduled_time"],\
                "msg":"Input should be a valid datetime, input is too short","input":"tomorrow",\
                "ctx":{"error":"input is too short"}},\
                {"type":"extra_forbidden","loc":["body","state","extra"],"msg":"Extra inputs are not permitted",\
                "input":1},\
                {"type":"bool_parsing","loc":["body","force"],\
                "msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"}]""");
    }
}
