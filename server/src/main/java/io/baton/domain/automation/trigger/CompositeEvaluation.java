package io.baton.domain.automation.trigger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A child of a compound or sequence trigger fired: the parent keeps the latest firing of each child (those
 * older than {@code within} are dropped) and fires once enough children have fired (in order, for a sequence).
 */
public final class CompositeEvaluation {

    /** The child firings to keep (by child trigger id) and the parent's firing, if it fired. */
    public record Step(Map<UUID, Firing> childFirings, Optional<Firing> fired) {}

    private CompositeEvaluation() {}

    public static Step childFired(CompositeTrigger parent, Map<UUID, Firing> stored, Firing firing,
                                  Supplier<UUID> ids) {
        if (parent.expectedFirings() <= 1 && !parent.isSequence()) {
            return new Step(stored, Optional.of(parentFiring(parent, firing, ids)));
        }
        Map<UUID, Firing> kept = new LinkedHashMap<>();
        Instant horizon = parent.within() == null ? null : firing.triggered().minus(parent.within());
        stored.forEach((child, f) -> {
            if (horizon == null || !f.triggered().isBefore(horizon)) {
                kept.put(child, f);
            }
        });
        kept.put(firing.triggerId(), firing);
        if (ready(parent, kept)) {
            return new Step(Map.of(), Optional.of(parentFiring(parent, firing, ids)));
        }
        return new Step(kept, Optional.empty());
    }

    private static Firing parentFiring(CompositeTrigger parent, Firing child, Supplier<UUID> ids) {
        return new Firing(ids.get(), parent.id(), child.triggered(), Map.of(), child.triggeringEvent());
    }

    static boolean ready(CompositeTrigger parent, Map<UUID, Firing> firings) {
        if (!parent.isSequence()) {
            return firings.size() >= parent.expectedFirings();
        }
        List<UUID> order = parent.triggers().stream().map(Trigger::id).toList();
        if (!firings.keySet().containsAll(order)) {
            return false;
        }
        List<Firing> byTime = new ArrayList<>(firings.values());
        byTime.sort(Comparator.comparing(Firing::triggered).thenComparing(f -> order.indexOf(f.triggerId())));
        for (int i = 0; i < order.size(); i++) {
            if (!byTime.get(i).triggerId().equals(order.get(i))) {
                return false;
            }
        }
        return true;
    }
}
