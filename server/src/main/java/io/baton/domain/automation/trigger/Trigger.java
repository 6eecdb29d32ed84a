package io.baton.domain.automation.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An automation's trigger: an event trigger, or a compound / sequence of child triggers. */
public sealed interface Trigger permits EventTrigger, CompositeTrigger {

    UUID id();

    /** {@code event}, {@code compound} or {@code sequence}. */
    String type();

    /** Parses a stored (completed) trigger; unknown types parse as an event trigger that never matches. */
    static Trigger parse(JsonNode node) {
        String type = node.path("type").asText("event");
        UUID id = node.hasNonNull("id") ? UUID.fromString(node.get("id").asText()) : UUID.randomUUID();
        if (type.equals("compound") || type.equals("sequence")) {
            List<Trigger> children = new ArrayList<>();
            node.path("triggers").forEach(child -> children.add(parse(child)));
            JsonNode within = node.get("within");
            Duration window = within == null || within.isNull() ? null : seconds(within.asDouble());
            return new CompositeTrigger(id, type, children, requirement(type, node.get("require"), children.size()),
                    window);
        }
        return EventTrigger.parse(id, node);
    }

    private static int requirement(String type, JsonNode require, int children) {
        if (type.equals("sequence") || require == null || require.isNull()) {
            return children;
        }
        if (require.isNumber()) {
            return require.asInt();
        }
        return require.asText().equals("any") ? 1 : children;
    }

    static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
    }

    /** Every event trigger in the tree, depth first. */
    default List<EventTrigger> eventTriggers() {
        List<EventTrigger> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(Trigger t, List<EventTrigger> out) {
        if (t instanceof EventTrigger e) {
            out.add(e);
        } else if (t instanceof CompositeTrigger c) {
            c.triggers().forEach(child -> collect(child, out));
        }
    }

    /** The composite trigger directly containing {@code childId}, or null when it is this tree's root. */
    default CompositeTrigger parentOf(UUID childId) {
        if (this instanceof CompositeTrigger c) {
            for (Trigger child : c.triggers()) {
                if (child.id().equals(childId)) {
                    return c;
                }
                CompositeTrigger deeper = child.parentOf(childId);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }
}
