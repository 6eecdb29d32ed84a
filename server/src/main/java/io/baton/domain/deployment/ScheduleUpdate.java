package io.baton.domain.deployment;

/**
 * One item of {@code DeploymentUpdate.schedules}: the fields it sets (its {@code slug} among them) and the slug
 * of an existing schedule it renames ({@code replaces}, null when none).
 */
public record ScheduleUpdate(ScheduleChanges changes, String replaces) {

    /** The item's slug; null when it has none. */
    public String slug() {
        return changes.slug() == null ? null : changes.slug().value();
    }

    /** Whether the item carries a schedule configuration, without which it cannot create a schedule. */
    public boolean hasSchedule() {
        return changes.schedule() != null && changes.schedule().value() != null;
    }

    /** The schedule this item creates: active unless it says otherwise, no parameters unless given. */
    public ScheduleSpec toSpec() {
        Boolean active = changes.active() == null ? null : changes.active().value();
        return new ScheduleSpec(changes.schedule().value(), active == null || active,
                changes.maxScheduledRuns() == null ? null : changes.maxScheduledRuns().value(),
                changes.parameters() == null ? null : changes.parameters().value(), slug());
    }
}
