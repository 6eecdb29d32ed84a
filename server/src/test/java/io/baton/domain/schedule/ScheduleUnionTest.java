package io.baton.domain.schedule;

import static io.baton.domain.schedule.ScheduleTestSupport.schedule;
import static io.baton.domain.schedule.ScheduleTestSupport.violations;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleUnionTest {

    @Test
    void eachDocumentShapeSelectsItsType() {
        assertThat(schedule("{'interval': 60}")).isInstanceOf(IntervalSchedule.class);
        assertThat(schedule("{'cron': '* * * * *'}")).isInstanceOf(CronSchedule.class);
        assertThat(schedule("{'rrule': 'FREQ=HOURLY'}")).isInstanceOf(RRuleSchedule.class);
    }

    @Test
    void aRejectedDocumentReportsEveryMemberUnderItsName() {
        List<ScheduleViolation> violations = violations("{'cron': 'nope'}");

        assertThat(violations).extracting(ScheduleViolation::loc).containsExactly(
                List.of("IntervalSchedule", "interval"),
                List.of("IntervalSchedule", "cron"),
                List.of("CronSchedule", "cron"),
                List.of("RRuleSchedule", "rrule"),
                List.of("RRuleSchedule", "cron"));
    }

    @Test
    void mixingKeysOfTwoTypesIsRejected() {
        assertThat(violations("{'interval': 60, 'cron': '* * * * *'}"))
                .anySatisfy(v -> assertThat(v.loc()).containsExactly("IntervalSchedule", "cron"))
                .anySatisfy(v -> assertThat(v.loc()).containsExactly("CronSchedule", "interval"));
    }

    @Test
    void nonObjectsAreRejectedByEveryMember() {
        assertThat(violations("42")).extracting(ScheduleViolation::type).containsOnly("model_type");
    }
}
