package io.baton.domain.schedule;

import static io.baton.domain.schedule.ScheduleTestSupport.json;
import static io.baton.domain.schedule.ScheduleTestSupport.schedule;
import static io.baton.domain.schedule.ScheduleTestSupport.utc;
import static io.baton.domain.schedule.ScheduleTestSupport.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected dates were computed with python-dateutil 2.9 applying Prefect's re-labelling of dates. */
class RRuleScheduleTest {

    private static String dates(String rrule, String timezone, int n, String start) {
        return String.join(",", utc(new RRuleSchedule(rrule, timezone).dates(n, Instant.parse(start), null)));
    }

    @Test
    void timezoneDefaultsToUtcAndTheTextIsKeptVerbatim() {
        Schedule schedule = schedule("{'rrule': 'FREQ=DAILY;BYHOUR=9'}");

        assertThat(schedule).isEqualTo(new RRuleSchedule("FREQ=DAILY;BYHOUR=9", "UTC"));
        assertThat(schedule.toJson()).isEqualTo(json("{'rrule': 'FREQ=DAILY;BYHOUR=9', 'timezone': 'UTC'}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            daily 9am keeps local time across Berlin spring-forward; Z is re-labelled | DTSTART:20260101T090000Z\\nRRULE:FREQ=DAILY | Europe/Berlin | 2026-03-28T00:00:00Z | 2026-03-28T08:00:00Z,2026-03-29T07:00:00Z,2026-03-30T07:00:00Z
            daily 9am keeps local time across Berlin fall-back                   | DTSTART:20261024T090000\\nRRULE:FREQ=DAILY | Europe/Berlin | 2026-10-24T00:00:00Z | 2026-10-24T07:00:00Z,2026-10-25T08:00:00Z,2026-10-26T08:00:00Z
            ambiguous 1:30 in New York takes the first occurrence               | DTSTART:20261031T013000\\nRRULE:FREQ=DAILY | America/New_York | 2026-10-31T00:00:00Z | 2026-10-31T05:30:00Z,2026-11-01T05:30:00Z,2026-11-02T06:30:00Z
            skipped 2:30 in New York lands before the gap as dateutil reads it  | DTSTART:20260307T023000\\nRRULE:FREQ=DAILY | America/New_York | 2026-03-07T00:00:00Z | 2026-03-07T07:30:00Z,2026-03-08T06:30:00Z,2026-03-09T06:30:00Z
            COUNT counts from DTSTART                                           | DTSTART:20260101T090000\\nRRULE:FREQ=DAILY;COUNT=3 | UTC | 2026-01-02T00:00:00Z | 2026-01-02T09:00:00Z,2026-01-03T09:00:00Z
            UNTIL is inclusive                                                  | DTSTART:20260101T090000\\nRRULE:FREQ=DAILY;UNTIL=20260103T090000 | UTC | 2025-01-02T00:00:00Z | 2026-01-01T09:00:00Z,2026-01-02T09:00:00Z,2026-01-03T09:00:00Z
            without DTSTART the rule is anchored at 2020-01-01 midnight         | FREQ=WEEKLY;BYDAY=MO | UTC | 2026-11-21T00:00:00Z | 2026-11-23T00:00:00Z,2026-11-30T00:00:00Z
            RRULE prefix is optional and case does not matter                   | rrule:freq=weekly;byday=mo | UTC | 2026-11-21T00:00:00Z | 2026-11-23T00:00:00Z,2026-11-30T00:00:00Z
            COUNT still holds far from DTSTART                                  | RRULE:FREQ=MINUTELY;INTERVAL=7;COUNT=400000 | UTC | 2025-04-28T10:20:00Z | 2025-04-28T10:26:00Z,2025-04-28T10:33:00Z
            TZID is overridden by the schedule timezone                         | DTSTART;TZID=America/New_York:20260101T090000\\nRRULE:FREQ=MONTHLY;BYMONTHDAY=31 | Europe/Berlin | 2026-01-01T00:00:00Z | 2026-01-31T08:00:00Z,2026-03-31T07:00:00Z,2026-05-31T07:00:00Z
            RDATE adds and EXDATE removes                                       | DTSTART:20260105T090000\\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE\\nEXDATE:20260107T090000\\nRDATE:20260110T120000 | UTC | 2026-01-05T00:00:00Z | 2026-01-05T09:00:00Z,2026-01-10T12:00:00Z,2026-01-12T09:00:00Z,2026-01-14T09:00:00Z,2026-01-19T09:00:00Z
            """)
    void generatesLikeDateutil(String name, String rrule, String timezone, String start, String expected) {
        String text = rrule.replace("\\n", "\n");

        assertThat(dates(text, timezone, expected.split(",").length, start)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            DTSTART:20260101T090000\\nRRULE:FREQ=DAILY;COUNT=3                     | 2026-01-02T09:00:00Z,2026-01-03T09:00:00Z
            DTSTART:20260101T090000\\nRRULE:FREQ=DAILY;UNTIL=20260103T090000       | 2026-01-02T09:00:00Z,2026-01-03T09:00:00Z
            RRULE:FREQ=MINUTELY;INTERVAL=7;COUNT=400000                             | 2025-04-28T10:26:00Z,2025-04-28T10:33:00Z
            """)
    void boundedRulesEnd(String rrule, String expected) {
        String text = rrule.replace("\\n", "\n");
        String start = text.startsWith("RRULE") ? "2025-04-28T10:20:00Z" : "2026-01-02T00:00:00Z";

        assertThat(dates(text, "UTC", 10, start)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            FREQ=SOMETIMES                          | invalid 'FREQ': SOMETIMES
            FOO=1;FREQ=DAILY                        | unknown parameter 'FOO'
            FREQ=DAILY;BYDAY=XX                     | invalid 'BYDAY': XX
            FREQ=DAILY;INTERVAL=x                   | invalid 'INTERVAL': X
            DTSTART:20260101T090000\\nRRULE:FREQ=DAILY;UNTIL=20260103T090000Z | RRULE UNTIL values must be specified in UTC when DTSTART is timezone-aware
            DTSTART:20260101T090000\\nFOO:BAR        | unsupported property: FOO
            """)
    void invalidTextGivesPrefectsMessage(String rrule, String reason) {
        String text = rrule.replace("\\n", "\n");
        var document = ScheduleTestSupport.JSON.createObjectNode().put("rrule", text);

        var result = Schedule.fromJson(document, ScheduleTestSupport.NOW);

        assertThat(result.violations()).anySatisfy(v -> {
            assertThat(v.loc()).containsExactly("RRuleSchedule", "rrule");
            assertThat(v.type()).isEqualTo("value_error");
            assertThat(v.reason()).isEqualTo("Invalid RRule string \"" + text + "\": " + reason);
        });
    }

    @Test
    void utcUntilWithoutDtstartValidatesButCannotGenerate() {
        RRuleSchedule schedule = new RRuleSchedule("FREQ=DAILY;UNTIL=20270101T000000Z", "UTC");

        assertThatThrownBy(() -> schedule.dates(1, Instant.parse("2026-01-01T00:00:00Z"), null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void textLongerThan6500CharactersIsRejectedAfterParsing() {
        StringBuilder text = new StringBuilder("DTSTART:20260101T000000\nRRULE:FREQ=DAILY\nRDATE:");
        while (text.length() <= RRuleSchedule.MAX_RRULE_LENGTH) {
            text.append("20260101T000000,");
        }
        text.append("20260101T000000");
        var document = ScheduleTestSupport.JSON.createObjectNode().put("rrule", text.toString());

        var result = Schedule.fromJson(document, ScheduleTestSupport.NOW);

        assertThat(result.violations()).anySatisfy(v -> assertThat(v.reason()).isEqualTo(
                "Invalid RRule string \"" + text.substring(0, 40) + "...\"\nMax length is 6500, got " + text.length()));
        String withinLimit = text.substring(0, text.lastIndexOf(",", RRuleSchedule.MAX_RRULE_LENGTH));
        assertThat(withinLimit.length()).isLessThanOrEqualTo(RRuleSchedule.MAX_RRULE_LENGTH);
        assertThat(RRuleSchedule.rruleProblem(withinLimit)).isNull();
    }

    @Test
    void unknownTimezoneFailsThePattern() {
        assertThat(violations("{'rrule': 'FREQ=DAILY', 'timezone': 'Moon/Base'}")).anySatisfy(v -> {
            assertThat(v.loc()).containsExactly("RRuleSchedule", "timezone");
            assertThat(v.type()).isEqualTo("string_pattern_mismatch");
            assertThat(v.msg()).startsWith("String should match pattern 'Africa/Abidjan|");
        });
    }

    @Test
    void explicitNullTimezoneIsKeptAndMeansUtc() {
        Schedule schedule = schedule("{'rrule': 'FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0', 'timezone': null}");

        assertThat(schedule.toJson().get("timezone").isNull()).isTrue();
        assertThat(utc(schedule.dates(1, Instant.parse("2026-01-01T00:00:00Z"), null)))
                .containsExactly("2026-01-01T09:00:00Z");
    }
}
