package io.baton.http.validation;

import static io.baton.http.validation.TestContract.errorsJson;
import static io.baton.http.validation.TestContract.json;
import static io.baton.http.validation.TestContract.op;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** DeploymentScheduleCreate.schedule is an untagged union of three schedule models. */
class ScheduleUnionValidationTest {
    private final Operation createSchedules = op("POST", "/deployments/{id}/schedules");

    @Test
    void eachScheduleKindIsAccepted() {
        Validation v = createSchedules.validateBody(json("""
                [{"schedule": {"interval": "3600", "anchor_date": "2024-01-01T00:00:00+02:00"}},
                 {"schedule": {"cron": "0 0 * * *", "timezone": "America/New_York"}, "active": "false"},
                 {"schedule": {"rrule": "FREQ=DAILY", "timezone": "Europe/Paris"}, "max_scheduled_runs": 3}]"""));
        assertThat(v.errors()).isEmpty();
        assertThat(v.value()).isEqualTo(json("""
                [{"schedule": {"interval": 3600.0, "anchor_date": "2024-01-01T00:00:00+02:00"}},
                 {"schedule": {"cron": "0 0 * * *", "timezone": "America/New_York"}, "active": false},
                 {"schedule": {"rrule": "FREQ=DAILY", "timezone": "Europe/Paris"}, "max_scheduled_runs": 3}]"""));
    }

    @Test
    void aScheduleMatchingNoBranchReportsEveryBranchWithItsModelName() {
        Validation v = createSchedules.validateBody(json("""
                [{"schedule": {"interval": "often"}}]"""));
        assertThat(v.errors()).extracting(ValidationError::loc).containsExactly(
                List.of("body", 0, "schedule", "IntervalSchedule", "interval"),
                List.of("body", 0, "schedule", "CronSchedule", "cron"),
                List.of("body", 0, "schedule", "CronSchedule", "interval"),
                List.of("body", 0, "schedule", "RRuleSchedule", "rrule"),
                List.of("body", 0, "schedule", "RRuleSchedule", "interval"));
        assertThat(v.errors()).extracting(ValidationError::type).containsExactly(
                "float_parsing", "missing", "extra_forbidden", "missing", "extra_forbidden");
    }

    @Test
    void rruleTimezoneUsesTheLargeUnanchoredPattern() {
        Validation bad = createSchedules.validateBody(json("""
                [{"schedule": {"rrule": "FREQ=DAILY", "timezone": "Mars/Olympus"}}]"""));
        assertThat(bad.errors()).extracting(ValidationError::type).contains("string_pattern_mismatch");
        // unanchored search, as Python's re.search: a known zone anywhere in the text matches
        Validation embedded = createSchedules.validateBody(json("""
                [{"schedule": {"rrule": "FREQ=DAILY", "timezone": "xxUTCxx"}}]"""));
        assertThat(embedded.errors()).isEmpty();
    }

    @Test
    void exclusiveMinimumAndNullableFields() {
        Validation v = createSchedules.validateBody(json("""
                [{"schedule": {"interval": 60}, "max_scheduled_runs": 0, "slug": null}]"""));
        assertThat(errorsJson(v)).isEqualTo("""
                [{"type":"greater_than","loc":["body",0,"max_scheduled_runs"],"msg":"Input should be greater than 0",\
                "input":0,"ctx":{"gt":0}}]""");
        assertThat(errorsJson(createSchedules.validateBody(json("{}")))).isEqualTo("""
                [{"type":"list_type","loc":["body"],"msg":"Input should be a valid list","input":{}}]""");
    }
}
