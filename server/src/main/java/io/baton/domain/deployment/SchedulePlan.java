package io.baton.domain.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What {@code PATCH /deployments/{id}} does with its {@code schedules}, decided as Prefect 3.8 does:
 * <ul>
 *   <li>when every existing schedule has a slug (and there is at least one) and every provided schedule has one
 *       too (an empty list included), schedules are updated by slug: a provided slug that exists patches that
 *       schedule, {@code replaces} renames the existing schedule it names, any other provided schedule is created,
 *       and existing schedules the request does not name stay as they are;</li>
 *   <li>when existing schedules all have slugs but a provided one has none, the request is refused;</li>
 *   <li>otherwise every schedule is replaced by the provided ones that carry a schedule configuration.</li>
 * </ul>
 */
public sealed interface SchedulePlan {

    /** Delete every schedule of the deployment and create these. */
    record ReplaceAll(List<ScheduleSpec> schedules) implements SchedulePlan {}

    /**
     * Patch these schedules by id (a renaming patch's slug is cleared first, so chains and swaps of slugs never
     * meet the per-deployment slug uniqueness half-way), then create these.
     */
    record BySlug(Map<UUID, ScheduleChanges> patches, List<ScheduleSpec> creates) implements SchedulePlan {}

    /** A 422 with this detail; nothing changes. */
    record Refused(String detail) implements SchedulePlan {}

    String MISSING_SLUGS =
            "Please provide a slug for each schedule in your request to ensure schedules are updated correctly.";
    String MISSING_CONFIGURATION =
            "Unable to create new deployment schedules without a schedule configuration.";

    static SchedulePlan of(List<DeploymentSchedule> existing, List<ScheduleUpdate> provided) {
        boolean existingAllSlugged = !existing.isEmpty() && existing.stream().allMatch(s -> s.slug() != null);
        boolean providedAllSlugged = provided.stream().allMatch(p -> p.slug() != null);
        if (!existingAllSlugged) {
            return new ReplaceAll(provided.stream().filter(ScheduleUpdate::hasSchedule).map(ScheduleUpdate::toSpec).toList());
        }
        if (!providedAllSlugged) {
            return new Refused(MISSING_SLUGS);
        }
        Map<String, DeploymentSchedule> bySlug = new HashMap<>();
        existing.forEach(s -> bySlug.put(s.slug(), s));
        Set<String> replaced = new HashSet<>();
        for (ScheduleUpdate p : provided) {
            if (p.replaces() != null && !replaced.add(p.replaces())) {
                return new Refused("Multiple schedules cannot replace the same slug '" + p.replaces() + "'.");
            }
        }
        Map<UUID, ScheduleChanges> patches = new LinkedHashMap<>();
        Map<UUID, String> finalSlug = new HashMap<>();
        existing.forEach(s -> finalSlug.put(s.id(), s.slug()));
        List<ScheduleSpec> creates = new ArrayList<>();
        for (ScheduleUpdate p : provided) {
            DeploymentSchedule target = p.replaces() != null && bySlug.containsKey(p.replaces())
                    ? bySlug.get(p.replaces()) : bySlug.get(p.slug());
            if (target == null) {
                if (!p.hasSchedule()) {
                    return new Refused(MISSING_CONFIGURATION);
                }
                creates.add(p.toSpec());
            } else if (patches.putIfAbsent(target.id(), p.changes()) != null) {
                return new Refused("Schedule '" + target.slug() + "' is updated more than once.");
            } else {
                finalSlug.put(target.id(), p.slug());
            }
        }
        // Renames may not land on a slug that stays or is created (the slug is unique per deployment).
        Set<String> taken = new HashSet<>();
        for (Map.Entry<UUID, String> e : finalSlug.entrySet()) {
            if (!taken.add(e.getValue())) {
                return new Refused(renameCollision(e.getValue()));
            }
        }
        for (ScheduleSpec c : creates) {
            if (!taken.add(c.slug())) {
                return new Refused(renameCollision(c.slug()));
            }
        }
        return new BySlug(patches, creates);
    }

    private static String renameCollision(String slug) {
        return "Cannot rename a schedule to '" + slug + "': a schedule with that slug already exists.";
    }
}
