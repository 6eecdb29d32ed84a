package io.baton.domain.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.domain.Change;
import io.baton.domain.schedule.Schedule;
import io.baton.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SchedulePlanTest {

    private static final Instant NOW = Instant.parse("2026-11-21T06:00:00Z");
    private static final Schedule HOURLY = Schedule.fromJson(
            Json.object().put("interval", 3600.0).put("timezone", "UTC"), NOW).orThrow();

    private static DeploymentSchedule existing(String slug) {
        return new DeploymentSchedule(UUID.randomUUID(), NOW, NOW, UUID.randomUUID(), HOURLY.toJson(), true, null,
                Json.object(), slug);
    }

    private static ScheduleUpdate item(String slug, String replaces, boolean withSchedule) {
        return new ScheduleUpdate(new ScheduleChanges(withSchedule ? new Change<>(HOURLY) : null, null, null, null,
                slug == null ? null : new Change<>(slug)), replaces);
    }

    @Test
    void replacesEverythingUnlessEveryExistingScheduleHasASlug() {
        var plan = SchedulePlan.of(List.of(existing("a"), existing(null)),
                List.of(item("a", null, true), item(null, null, true), item("c", null, false)));
        assertThat(plan).isInstanceOf(SchedulePlan.ReplaceAll.class);
        assertThat(((SchedulePlan.ReplaceAll) plan).schedules()).extracting(ScheduleSpec::slug).containsExactly("a", null);
        assertThat(((SchedulePlan.ReplaceAll) plan).schedules()).allMatch(ScheduleSpec::active);
        assertThat(SchedulePlan.of(List.of(), List.of())).isEqualTo(new SchedulePlan.ReplaceAll(List.of()));
    }

    @Test
    void bySlugPatchesCreatesAndKeepsTheRest() {
        DeploymentSchedule a = existing("a");
        DeploymentSchedule b = existing("b");
        var plan = (SchedulePlan.BySlug) SchedulePlan.of(List.of(a, b),
                List.of(item("a", null, false), item("n", null, true), item("r", "b", false)));
        assertThat(plan.patches()).containsOnlyKeys(a.id(), b.id());
        assertThat(plan.patches().get(b.id()).slug().value()).isEqualTo("r");
        assertThat(plan.creates()).extracting(ScheduleSpec::slug).containsExactly("n");
        assertThat(SchedulePlan.of(List.of(a), List.of())).isEqualTo(new SchedulePlan.BySlug(java.util.Map.of(), List.of()));
    }

    @Test
    void chainsAndSwapsAreAllowed() {
        DeploymentSchedule a = existing("a");
        DeploymentSchedule b = existing("b");
        assertThat(SchedulePlan.of(List.of(a, b), List.of(item("b", "a", false), item("c", "b", false))))
                .isInstanceOf(SchedulePlan.BySlug.class);
        assertThat(SchedulePlan.of(List.of(a, b), List.of(item("b", "a", false), item("a", "b", false))))
                .isInstanceOf(SchedulePlan.BySlug.class);
    }

    @Test
    void refusals() {
        DeploymentSchedule a = existing("a");
        DeploymentSchedule b = existing("b");
        List<DeploymentSchedule> both = List.of(a, b);
        assertThat(SchedulePlan.of(both, List.of(item(null, null, true))))
                .isEqualTo(new SchedulePlan.Refused(SchedulePlan.MISSING_SLUGS));
        assertThat(SchedulePlan.of(both, List.of(item("new", null, false))))
                .isEqualTo(new SchedulePlan.Refused(SchedulePlan.MISSING_CONFIGURATION));
        assertThat(SchedulePlan.of(both, List.of(item("x", "a", false), item("y", "a", false))))
                .isInstanceOf(SchedulePlan.Refused.class);
        assertThat(SchedulePlan.of(both, List.of(item("b", "a", false)))).isInstanceOf(SchedulePlan.Refused.class);
        assertThat(SchedulePlan.of(both, List.of(item("n", null, true), item("n", null, true))))
                .isInstanceOf(SchedulePlan.Refused.class);
        assertThat(SchedulePlan.of(both, List.of(item("n", "a", false), item("n", null, true))))
                .isInstanceOf(SchedulePlan.Refused.class);
        assertThat(SchedulePlan.of(both, List.of(item("a", null, false), item("z", "a", false))))
                .as("one schedule updated twice").isInstanceOf(SchedulePlan.Refused.class);
        List<ScheduleUpdate> none = new ArrayList<>();
        assertThat(SchedulePlan.of(both, none)).isInstanceOf(SchedulePlan.BySlug.class);
    }
}
