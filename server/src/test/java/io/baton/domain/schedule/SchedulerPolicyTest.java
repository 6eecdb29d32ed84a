package io.baton.domain.schedule;

import static io.baton.domain.schedule.ScheduleTestSupport.json;
import static io.baton.domain.schedule.ScheduleTestSupport.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulerPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final SchedulerSettings DEFAULTS = SchedulerSettings.DEFAULTS;

    @ParameterizedTest(name = "{0} runs, latest {1} -> {2}")
    @CsvSource(textBlock = """
            0, ,                     true
            2, 2026-01-01T15:00:00Z, true
            3, 2026-01-01T10:59:59Z, true
            3, 2026-01-01T11:00:00Z, false
            7, 2026-01-02T00:00:00Z, false
            """)
    void needsRunsWhenTooFewOrNotFarEnoughAhead(long count, Instant latest, boolean expected) {
        assertThat(RunGenerationPolicy.needsRuns(count, latest, NOW, DEFAULTS)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hourly stops at the third run, an hour ahead      | {'cron': '0 * * * *'}                                             | 3   | 2026-01-01T12:00:00Z
            every 10 s would need 360 runs, capped at 100     | {'interval': 10, 'anchor_date': '2026-01-01T00:00:00Z'}           | 100 | 2026-01-01T10:16:30Z
            every 30 min needs 3 runs to reach an hour ahead  | {'interval': 1800, 'anchor_date': '2026-01-01T00:00:00Z'}         | 3   | 2026-01-01T11:00:00Z
            every 25 min needs a fourth run to pass an hour   | {'interval': 1500, 'anchor_date': '2026-01-01T00:00:00Z'}         | 4   | 2026-01-01T11:15:00Z
            yearly finds nothing within 100 days              | {'cron': '0 0 1 7 *'}                                             | 0   |
            """)
    void runTimesFollowTheMinimaAndCaps(String name, String document, int count, String last) {
        List<ZonedDateTime> times = RunGenerationPolicy.runTimes(schedule(document), NOW, DEFAULTS);

        assertThat(times).hasSize(count);
        if (count > 0) {
            assertThat(times.get(count - 1).toInstant()).isEqualTo(Instant.parse(last));
            assertThat(times.get(0).toInstant()).isAfterOrEqualTo(NOW);
        }
    }

    @Test
    void runTimesNeverReachPastTheMaximumHorizon() {
        SchedulerSettings settings = new SchedulerSettings(10, 100, Duration.ofHours(1), Duration.ofDays(3));

        List<ZonedDateTime> times = RunGenerationPolicy.runTimes(schedule("{'cron': '0 12 * * *'}"), NOW, settings);

        assertThat(times).extracting(ZonedDateTime::toInstant).containsExactly(
                Instant.parse("2026-01-01T12:00:00Z"), Instant.parse("2026-01-02T12:00:00Z"),
                Instant.parse("2026-01-03T12:00:00Z"));
    }

    @Test
    void recordedWorkerPollingRunsAreReproduced() {
        // worker-polling.jsonl: deployment every-10s, first scheduler pass right after creation
        UUID deployment = UUID.fromString("1da82c35-2243-4db8-b877-1b04271ba7ac");
        UUID scheduleId = UUID.fromString("976dcfdb-a066-47f1-81c4-a9432c28d93f");
        Schedule schedule = schedule("{'interval': 10.0, 'anchor_date': '2026-11-21T06:09:17.239278Z', 'timezone': 'UTC'}");

        List<ScheduledRun> runs = ScheduledRuns.plan(deployment, List.of(), json("{'x': 3}"), scheduleId, null,
                schedule, json("{}"), Instant.parse("2026-11-21T06:09:18.300000Z"), DEFAULTS);

        assertThat(runs).hasSize(100);
        ScheduledRun first = runs.get(0);
        assertThat(first.expectedStartTime()).isEqualTo(Instant.parse("2026-11-21T06:09:27.239278Z"));
        assertThat(first.idempotencyKey()).isEqualTo("scheduled 1da82c35-2243-4db8-b877-1b04271ba7ac "
                + "976dcfdb-a066-47f1-81c4-a9432c28d93f 2026-11-21 06:09:27.239278+00:00");
        assertThat(runs.get(1).idempotencyKey()).endsWith(" 2026-11-21 06:09:37.239278+00:00");
        assertThat(first.tags()).containsExactly("auto-scheduled");
        assertThat(first.parameters()).isEqualTo(json("{'x': 3}"));
        assertThat(first.createdBy()).isEqualTo(json(
                "{'id': '976dcfdb-a066-47f1-81c4-a9432c28d93f', 'type': 'SCHEDULE', 'display_value': 'IntervalSchedule'}"));
        assertThat(first.autoScheduled()).isTrue();
    }

    @Test
    void recordedServeRunsStartAtTheFirstIntervalAfterThePass() {
        // it-test_serve_a_flow.jsonl: interval 3 s, pass at 06:06:08.155, first recorded run 06:06:10.934758
        Schedule schedule = schedule("{'interval': 3.0, 'anchor_date': '2026-11-21T06:06:04.934758Z', 'timezone': 'UTC'}");

        List<ZonedDateTime> times =
                RunGenerationPolicy.runTimes(schedule, Instant.parse("2026-11-21T06:06:08.155067Z"), DEFAULTS);

        assertThat(times).extracting(PythonDateTimes::str).startsWith(
                "2026-11-21 06:06:10.934758+00:00", "2026-11-21 06:06:13.934758+00:00");
    }

    @Test
    void scheduleParametersOverrideDeploymentParametersAndTagsFollowTheAutoTag() {
        ObjectNode merged = ScheduledRuns.parameters(json("{'a': 1, 'b': {'c': 2}}"), json("{'b': 3, 'd': 4}"));

        assertThat(merged).isEqualTo(json("{'a': 1, 'b': 3, 'd': 4}"));
        assertThat(ScheduledRuns.tags(List.of("prod", "etl"))).containsExactly("auto-scheduled", "prod", "etl");
    }

    @Test
    void slugIsTheDisplayValueWhenPresent() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");

        assertThat(ScheduledRuns.createdBy(id, "nightly", schedule("{'cron': '0 0 * * *'}")).get("display_value").asText())
                .isEqualTo("nightly");
        assertThat(ScheduledRuns.createdBy(id, null, schedule("{'rrule': 'FREQ=DAILY'}")).get("display_value").asText())
                .isEqualTo("RRuleSchedule");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-21T06:09:27.239278Z | UTC              | 2026-11-21 06:09:27.239278+00:00
            2026-11-21T06:09:27Z        | UTC              | 2026-11-21 06:09:27+00:00
            2026-11-21T06:09:27.5Z      | UTC              | 2026-11-21 06:09:27.500000+00:00
            2026-03-08T13:00:00Z        | America/New_York | 2026-03-08 09:00:00-04:00
            2026-01-01T00:00:00Z        | Asia/Kolkata     | 2026-01-01 05:30:00+05:30
            """)
    void idempotencyDatesRenderLikePythonStr(Instant instant, String zone, String expected) {
        assertThat(PythonDateTimes.str(instant.atZone(java.time.ZoneId.of(zone)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            null  |
            5     |
            50    |
            0     | Input should be greater than 0
            51    | Value error, `max_scheduled_runs` must be less than or equal to 50.
            2.5   | Input should be a valid integer
            """)
    void maxScheduledRunsIsBounded(String value, String message) {
        List<ScheduleViolation> violations = MaxScheduledRuns.validate(json(value), MaxScheduledRuns.DEFAULT_LIMIT);

        if (message == null) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).singleElement().extracting(ScheduleViolation::msg).isEqualTo(message);
        }
    }
}
