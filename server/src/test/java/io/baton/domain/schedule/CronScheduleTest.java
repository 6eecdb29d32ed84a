package io.baton.domain.schedule;

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
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

    private static List<String> dates(String cron, String timezone, boolean dayOr, int n, String start) {
        CronSchedule schedule = new CronSchedule(cron, timezone, dayOr);
        return utc(schedule.dates(n, Instant.parse(start), null));
    }

    @Test
    void documentDefaultsDayOrAndKeepsANullTimezone() {
        Schedule schedule = schedule("{'cron': '0 0 * * *'}");

        assertThat(schedule).isEqualTo(new CronSchedule("0 0 * * *", null, true));
        assertThat(schedule.toJson()).isEqualTo(json("{'cron': '0 0 * * *', 'timezone': null, 'day_or': true}"));
    }

    @Test
    void startIsInclusiveAtMinuteResolution() {
        assertThat(dates("*/15 * * * *", null, true, 2, "2026-01-01T10:15:00Z"))
                .containsExactly("2026-01-01T10:15:00Z", "2026-01-01T10:30:00Z");
        assertThat(dates("*/15 * * * *", null, true, 1, "2026-01-01T10:15:00.000001Z"))
                .containsExactly("2026-01-01T10:30:00Z");
        assertThat(dates("*/15 * * * *", null, true, 1, "2026-01-01T10:14:59Z"))
                .containsExactly("2026-01-01T10:15:00Z");
    }

    @Test
    void sixthFieldIsSeconds() {
        assertThat(dates("* * * * * 15,45", null, true, 3, "2026-01-01T10:00:20Z"))
                .containsExactly("2026-01-01T10:00:45Z", "2026-01-01T10:01:15Z", "2026-01-01T10:01:45Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hourly at New York fall-back fires at the first 1am and the first 2am | 0 * * * * | America/New_York | 2026-11-01T04:00:00Z | 2026-11-01T04:00:00Z,2026-11-01T05:00:00Z,2026-11-01T07:00:00Z,2026-11-01T08:00:00Z
            hourly at New York spring-forward skips the missing hour            | 0 * * * * | America/New_York | 2026-03-08T05:00:00Z | 2026-03-08T05:00:00Z,2026-03-08T06:00:00Z,2026-03-08T07:00:00Z,2026-03-08T08:00:00Z
            daily 9am in New York across spring-forward                         | 0 9 * * * | America/New_York | 2026-03-07T00:00:00Z | 2026-03-07T14:00:00Z,2026-03-08T13:00:00Z,2026-03-09T13:00:00Z,2026-03-10T13:00:00Z
            daily 9am in New York across fall-back                              | 0 9 * * * | America/New_York | 2026-10-31T00:00:00Z | 2026-10-31T13:00:00Z,2026-11-01T14:00:00Z,2026-11-02T14:00:00Z,2026-11-03T14:00:00Z
            2:30 in Berlin on spring-forward day runs after the gap             | 30 2 * * * | Europe/Berlin   | 2026-03-28T00:00:00Z | 2026-03-28T01:30:00Z,2026-03-29T01:30:00Z,2026-03-30T00:30:00Z,2026-03-31T00:30:00Z
            2:30 in Berlin on fall-back day runs once at the first occurrence   | 30 2 * * * | Europe/Berlin   | 2026-10-24T00:00:00Z | 2026-10-24T00:30:00Z,2026-10-25T00:30:00Z,2026-10-26T01:30:00Z,2026-10-27T01:30:00Z
            no timezone means UTC                                               | 0 9 * * * | | 2026-03-07T00:00:00Z | 2026-03-07T09:00:00Z,2026-03-08T09:00:00Z,2026-03-09T09:00:00Z,2026-03-10T09:00:00Z
            """)
    void evaluatesOnTheWallClockOfItsTimezone(String name, String cron, String timezone, String start, String expected) {
        assertThat(dates(cron, timezone, true, 4, start)).containsExactly(expected.split(","));
    }

    @Test
    void datesAreRenderedInTheScheduleZone() {
        List<ZonedDateTime> dates = new CronSchedule("0 9 * * *", "America/New_York", true)
                .localDates(1, Instant.parse("2026-03-07T00:00:00Z"), null);

        assertThat(PythonDateTimes.str(dates.get(0))).isEqualTo("2026-03-07 09:00:00-05:00");
    }

    @ParameterizedTest(name = "day_or={0}")
    @CsvSource(delimiter = '|', textBlock = """
            true  | 2026-02-06T00:00:00Z,2026-02-13T00:00:00Z,2026-02-20T00:00:00Z,2026-02-27T00:00:00Z,2026-03-06T00:00:00Z
            false | 2026-02-13T00:00:00Z,2026-03-13T00:00:00Z,2026-11-13T00:00:00Z,2027-08-13T00:00:00Z,2028-10-13T00:00:00Z
            """)
    void dayOrDecidesHowDayOfMonthAndWeekdayCombine(boolean dayOr, String expected) {
        assertThat(dates("0 0 13 * 5", "UTC", dayOr, 5, "2026-02-01T00:00:00Z")).containsExactly(expected.split(","));
    }

    @Test
    void dayOrDoesNotMatterWhenOnlyOneDayFieldIsRestricted() {
        assertThat(dates("0 0 * * 1", "UTC", false, 2, "2026-02-01T00:00:00Z"))
                .containsExactly("2026-02-02T00:00:00Z", "2026-02-09T00:00:00Z");
        // a full range counts as unrestricted, as croniter normalises it to '*'
        assertThat(dates("0 0 1-31 * 1", "UTC", true, 2, "2026-02-01T00:00:00Z"))
                .containsExactly("2026-02-02T00:00:00Z", "2026-02-09T00:00:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            @hourly   | 2026-02-01T10:00:00Z,2026-02-01T11:00:00Z
            @daily    | 2026-02-02T00:00:00Z,2026-02-03T00:00:00Z
            @midnight | 2026-02-02T00:00:00Z,2026-02-03T00:00:00Z
            @weekly   | 2026-02-08T00:00:00Z,2026-02-15T00:00:00Z
            @monthly  | 2026-03-01T00:00:00Z,2026-04-01T00:00:00Z
            @yearly   | 2027-01-01T00:00:00Z,2028-01-01T00:00:00Z
            @annually | 2027-01-01T00:00:00Z,2028-01-01T00:00:00Z
            """)
    void macros(String cron, String expected) {
        assertThat(dates(cron, "UTC", true, 2, "2026-02-01T09:30:00Z")).containsExactly(expected.split(","));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0 0 L * *            | 2026-02-28T00:00:00Z,2026-03-31T00:00:00Z
            0 0 * * 5#2          | 2026-02-13T00:00:00Z,2026-03-13T00:00:00Z
            0 0 * * 5L           | 2026-02-27T00:00:00Z,2026-03-27T00:00:00Z
            0 0 * * fri          | 2026-02-06T00:00:00Z,2026-02-13T00:00:00Z
            0 0 1 jan-mar/2 *    | 2026-03-01T00:00:00Z,2027-01-01T00:00:00Z
            0 22-1 * * *         | 2026-02-01T00:00:00Z,2026-02-01T01:00:00Z,2026-02-01T22:00:00Z
            0 0 ? * 7            | 2026-02-01T00:00:00Z,2026-02-08T00:00:00Z
            5/20 * * * *         | 2026-02-01T00:05:00Z,2026-02-01T00:25:00Z
            """)
    void croniterSyntax(String cron, String expected) {
        String[] times = expected.split(",");
        assertThat(dates(cron, "UTC", true, times.length, "2026-02-01T00:00:00Z")).containsExactly(times);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a cron", "61 * * * *", "* * *", "* * * * * * * *", "0 0 31 2 *", "*/0 * * * *",
            "0 0 * * 8", "0 0 * * 1#6", "", "0 0 1,,2 * *"})
    void invalidExpressionsGivePrefectsMessage(String cron) {
        assertThat(violations("{'cron': '" + cron + "'}"))
                .anySatisfy(v -> {
                    assertThat(v.loc()).containsExactly("CronSchedule", "cron");
                    assertThat(v.type()).isEqualTo("value_error");
                    assertThat(v.msg()).isEqualTo("Value error, Invalid cron string: \"" + cron + "\"");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"R * * * *", "0 H * * *"})
    void randomAndHashedFieldsAreRefused(String cron) {
        assertThat(violations("{'cron': '" + cron + "'}"))
                .anySatisfy(v -> assertThat(v.msg()).isEqualTo(
                        "Value error, Random and Hashed expressions are unsupported, received: \"" + cron + "\""));
    }

    @Test
    void unknownTimezoneIsRejected() {
        assertThat(violations("{'cron': '0 0 * * *', 'timezone': 'Europe/Atlantis'}"))
                .anySatisfy(v -> {
                    assertThat(v.loc()).containsExactly("CronSchedule");
                    assertThat(v.reason()).isEqualTo("Invalid timezone: \"Europe/Atlantis\" "
                            + "(specify in IANA tzdata format, for example, America/New_York)");
                });
    }
}
