package io.baton.domain.automation.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A trigger on events: those matching {@code match} / {@code match_related} and named in {@code expect}
 * are counted per {@code for_each} bucket; {@code after} names the events that open a bucket. Reactive
 * postures fire when {@code threshold} events arrive within {@code within}; proactive ones when fewer do.
 */
public record EventTrigger(UUID id, ResourceSpec match, List<ResourceSpec> matchRelated, List<String> after,
                           List<String> expect, List<String> forEach, Posture posture, int threshold,
                           Duration within, EventNamePattern expectNames, EventNamePattern afterNames)
        implements Trigger {

    public EventTrigger(UUID id, ResourceSpec match, List<ResourceSpec> matchRelated, List<String> after,
                        List<String> expect, List<String> forEach, Posture posture, int threshold, Duration within) {
        this(id, match, matchRelated, after, expect, forEach, posture, threshold, within, EventNamePattern.of(expect),
                EventNamePattern.of(after));
    }

    public enum Posture { Reactive, Proactive }

    static EventTrigger parse(UUID id, JsonNode node) {
        Posture posture = "Proactive".equals(node.path("posture").asText()) ? Posture.Proactive : Posture.Reactive;
        JsonNode within = node.get("within");
        return new EventTrigger(id, ResourceSpec.parse(node.get("match")),
                ResourceSpec.parseRelated(node.get("match_related")), strings(node.get("after")),
                strings(node.get("expect")), strings(node.get("for_each")), posture,
                node.path("threshold").asInt(1),
                Trigger.seconds(within == null || within.isNull() ? 0 : within.asDouble()));
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    @Override
    public String type() {
        return "event";
    }

    /** A reactive trigger with no window acts on every event by itself. */
    public boolean immediate() {
        return within.isZero();
    }

    /** Whether the event is one this trigger counts or starts on, for resources it watches. */
    public boolean covers(JsonNode event) {
        if (!match.matches(event.get("resource"))) {
            return false;
        }
        JsonNode related = event.get("related");
        for (ResourceSpec spec : matchRelated) {
            if (!spec.includes(related)) {
                return false;
            }
        }
        if (expect.isEmpty() && after.isEmpty()) {
            return true;
        }
        String name = event.path("event").asText();
        return expectNames.matches(name) || afterNames.matches(name);
    }

    /** Whether the event counts; with no {@code expect} every event does. */
    public boolean expects(String eventName) {
        return expect.isEmpty() || expectNames.matches(eventName);
    }

    public boolean startsAfter(String eventName) {
        return !after.isEmpty() && afterNames.matches(eventName);
    }

    /** The values of the {@code for_each} labels (sorted by label) on the event; missing labels are "". */
    public List<String> bucketingKey(JsonNode event) {
        List<String> out = new ArrayList<>();
        for (String label : forEach.stream().sorted().toList()) {
            out.add(label(event, label));
        }
        return out;
    }

    /** The {@code for_each} labels with their values in this bucket. */
    public java.util.Map<String, String> triggeringLabels(List<String> key) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        List<String> labels = forEach.stream().sorted().toList();
        for (int i = 0; i < labels.size() && i < key.size(); i++) {
            out.put(labels.get(i), key.get(i));
        }
        return out;
    }

    /** A label of the event's resource, or {@code related:<role>:<label>} of a related resource. */
    static String label(JsonNode event, String label) {
        if (label.startsWith("related:")) {
            String[] parts = label.split(":", 3);
            if (parts.length == 3) {
                for (JsonNode r : event.path("related")) {
                    if (parts[1].equals(r.path("prefect.resource.role").asText()) && r.hasNonNull(parts[2])) {
                        return r.get(parts[2]).asText();
                    }
                }
            }
            return "";
        }
        JsonNode v = event.path("resource").get(label);
        return v == null || v.isNull() ? "" : v.asText();
    }

    public boolean meetsThreshold(int count) {
        return posture == Posture.Reactive ? count >= threshold : count < threshold;
    }
}
