package io.baton.domain.schedule;

import static io.baton.domain.schedule.ScheduleTestSupport.NOW;
import static io.baton.domain.schedule.ScheduleTestSupport.json;
import static io.baton.domain.schedule.ScheduleTestSupport.schedule;
import static io.baton.domain.schedule.ScheduleTestSupport.utc;
import static io.baton.domain.schedule.ScheduleTestSupport.violations;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntervalScheduleTest {

    @Test
    void recordedDocumentRoundTripsUnchanged() {
        String recorded = "{'interval': 3.0, 'anchor_date': '2026-11-21T06:06:04.934758Z', 'timezone': 'UTC'}";

        Schedule schedule = schedule(recorded);

        assertThat(schedule).isInstanceOf(IntervalSchedule.class);
        assertThat(schedule.toJson()).isEqualTo(json(recorded));
    }

    @Test
    void missingAnchorDefaultsToNowAndTimezoneToUtc() {
        IntervalSchedule schedule = (IntervalSchedule) schedule("{'interval': 60}");

        assertThat(schedule.anchorDate().toInstant()).isEqualTo(NOW);
        assertThat(schedule.timezone()).isEqualTo("UTC");
        assertThat(schedule.toJson()).isEqualTo(
                json("{'interval': 60.0, 'anchor_date': '2026-11-21T06:00:00Z', 'timezone': 'UTC'}"));
    }

    @Test
    void anchorWithOffsetKeepsItsOffsetButInfersUtc() {
        IntervalSchedule schedule =
                (IntervalSchedule) schedule("{'interval': 3600, 'anchor_date': '2026-01-01T09:00:00-05:00'}");

        assertThat(schedule.timezone()).isEqualTo("UTC");
        assertThat(schedule.toJson().get("anchor_date").asText()).isEqualTo("2026-01-01T09:00:00-05:00");
    }

    @Test
    void datesContinueFromAPastAnchorIncludingTheStartItself() {
        Schedule schedule = schedule("{'interval': 3600, 'anchor_date': '2026-01-01T00:30:00Z'}");

        assertThat(utc(schedule.dates(3, Instant.parse("2026-01-05T10:30:00Z"), null)))
                .containsExactly("2026-01-05T10:30:00Z", "2026-01-05T11:30:00Z", "2026-01-05T12:30:00Z");
        assertThat(utc(schedule.dates(2, Instant.parse("2026-01-05T10:30:00.000001Z"), null)))
                .containsExactly("2026-01-05T11:30:00Z", "2026-01-05T12:30:00Z");
    }

    @Test
    void aFutureAnchorAlsoYieldsTheTimesBeforeIt() {
        Schedule schedule = schedule("{'interval': 3600, 'anchor_date': '2026-01-01T10:30:00Z'}");

        assertThat(utc(schedule.dates(4, Instant.parse("2026-01-01T08:00:00Z"), null)))
                .containsExactly("2026-01-01T08:30:00Z", "2026-01-01T09:30:00Z", "2026-01-01T10:30:00Z",
                        "2026-01-01T11:30:00Z");
    }

    @Test
    void endBoundIsInclusive() {
        Schedule schedule = schedule("{'interval': 600, 'anchor_date': '2026-01-01T00:00:00Z'}");

        assertThat(utc(schedule.dates(100, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:20:00Z"))))
                .containsExactly("2026-01-01T00:00:00Z", "2026-01-01T00:10:00Z", "2026-01-01T00:20:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hourly over New York fall-back follows UTC | 3600  | 2026-11-01T00:00:00-04:00 | America/New_York | 2026-11-01T04:00:00Z,2026-11-01T05:00:00Z,2026-11-01T06:00:00Z,2026-11-01T07:00:00Z
            hourly over New York spring-forward       | 3600  | 2026-03-08T00:00:00-05:00 | America/New_York | 2026-03-08T05:00:00Z,2026-03-08T06:00:00Z,2026-03-08T07:00:00Z,2026-03-08T08:00:00Z
            daily over New York spring-forward keeps 9am | 86400 | 2026-03-07T09:00:00-05:00 | America/New_York | 2026-03-07T14:00:00Z,2026-03-08T13:00:00Z,2026-03-09T13:00:00Z,2026-03-10T13:00:00Z
            daily over New York fall-back keeps 9am   | 86400 | 2026-10-31T09:00:00-04:00 | America/New_York | 2026-10-31T13:00:00Z,2026-11-01T14:00:00Z,2026-11-02T14:00:00Z,2026-11-03T14:00:00Z
            daily over Berlin spring-forward keeps 9am | 86400 | 2026-03-28T09:00:00+01:00 | Europe/Berlin   | 2026-03-28T08:00:00Z,2026-03-29T07:00:00Z,2026-03-30T07:00:00Z,2026-03-31T07:00:00Z
            daily over Berlin fall-back keeps 9am     | 86400 | 2026-10-24T09:00:00+02:00 | Europe/Berlin    | 2026-10-24T07:00:00Z,2026-10-25T08:00:00Z,2026-10-26T08:00:00Z,2026-10-27T08:00:00Z
            12-hourly over Berlin fall-back follows UTC | 43200 | 2026-10-24T09:00:00+02:00 | Europe/Berlin  | 2026-10-24T07:00:00Z,2026-10-24T19:00:00Z,2026-10-25T07:00:00Z,2026-10-25T19:00:00Z
            36 hours adds a local day then 12 real hours | 129600 | 2026-03-07T09:00:00-05:00 | America/New_York | 2026-03-07T14:00:00Z,2026-03-09T01:00:00Z,2026-03-10T13:00:00Z,2026-03-12T01:00:00Z
            """)
    void dstBehaviourDependsOnWholeDays(String name, double seconds, String anchor, String timezone, String expected) {
        Schedule schedule = schedule("{'interval': " + seconds + ", 'anchor_date': '" + anchor + "', 'timezone': '"
                + timezone + "'}");

        List<Instant> dates = schedule.dates(4, ZonedDateTime.parse(anchor).toInstant(), null);

        assertThat(utc(dates)).containsExactly(expected.split(","));
    }

    @Test
    void jumpFromADistantAnchorIsInElapsedTimeSoTheWallClockHourShifts() {
        // anchored at 9am EST; Prefect reaches July by adding whole elapsed days, landing at 10am EDT
        Schedule schedule = schedule(
                "{'interval': 86400, 'anchor_date': '2026-01-05T09:00:00-05:00', 'timezone': 'America/New_York'}");

        List<ZonedDateTime> dates = schedule.localDates(2, Instant.parse("2026-07-01T00:00:00Z"), null);

        assertThat(dates).extracting(ZonedDateTime::toString)
                .containsExactly("2026-07-01T10:00-04:00[America/New_York]", "2026-07-02T10:00-04:00[America/New_York]");
    }

    @Test
    void fractionalSecondsAreKeptToTheMicrosecond() {
        Schedule schedule = schedule("{'interval': 0.5, 'anchor_date': '2026-01-01T00:00:00.25Z'}");

        assertThat(utc(schedule.dates(2, Instant.parse("2026-01-01T00:00:01Z"), null)))
                .containsExactly("2026-01-01T00:00:01.250Z", "2026-01-01T00:00:01.750Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {'interval': 0}                        | IntervalSchedule,interval | greater_than    | Input should be greater than 0:00:00
            {'interval': -5}                       | IntervalSchedule,interval | greater_than    | Input should be greater than 0:00:00
            {'interval': 'soon'}                   | IntervalSchedule,interval | time_delta_type | Input should be a valid timedelta
            {'anchor_date': '2026-01-01T00:00:00Z'} | IntervalSchedule,interval | missing        | Field required
            {'interval': 5, 'anchor_date': 'yesterday'} | IntervalSchedule,anchor_date | datetime_type | Input should be a valid datetime
            {'interval': 5, 'every': 'day'}        | IntervalSchedule,every    | extra_forbidden | Extra inputs are not permitted
            """)
    void invalidFieldsAreReportedLikePydantic(String document, String loc, String type, String msg) {
        assertThat(violations(document)).anySatisfy(v -> {
            assertThat(v.loc()).containsExactly((Object[]) loc.split(","));
            assertThat(v.type()).isEqualTo(type);
            assertThat(v.msg()).isEqualTo(msg);
        });
    }

    @Test
    void unknownTimezoneIsAModelLevelValueError() {
        List<ScheduleViolation> violations = violations("{'interval': 5, 'timezone': 'Mars/Olympus'}");

        assertThat(violations).filteredOn(v -> v.loc().get(0).equals("IntervalSchedule"))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.loc()).containsExactly("IntervalSchedule");
                    assertThat(v.type()).isEqualTo("value_error");
                    assertThat(v.msg()).isEqualTo("Value error, Invalid timezone: \"Mars/Olympus\" "
                            + "(specify in IANA tzdata format, for example, America/New_York)");
                });
    }

    @Test
    void isoDurationStringsAreAccepted() {
        IntervalSchedule schedule = (IntervalSchedule) schedule("{'interval': 'PT1H30M'}");

        assertThat(schedule.interval()).hasMinutes(90);
    }
}
