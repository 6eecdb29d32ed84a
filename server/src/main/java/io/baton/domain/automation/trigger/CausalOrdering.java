package io.baton.domain.automation.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code follows} ordering of events for trigger evaluation: an event whose predecessor has not been seen
 * yet is held until the predecessor arrives (it is then released right after it) or until {@code maxHold}
 * passed (its predecessor is taken as lost). Not thread-safe: one evaluator owns it.
 */
public final class CausalOrdering {

    private final Duration maxHold;
    private final int remembered;
    private final Set<String> seen;
    private final Map<String, List<JsonNode>> waiting = new HashMap<>();
    private final Map<String, Instant> heldSince = new LinkedHashMap<>();

    public CausalOrdering(Duration maxHold, int remembered) {
        this.maxHold = maxHold;
        this.remembered = remembered;
        this.seen = new LinkedHashSet<>();
    }

    /**
     * The events ready for evaluation, in order, now that {@code event} arrived. {@code mayWait} tells whether
     * holding the event matters (an event no trigger covers is passed through at once).
     */
    public List<JsonNode> accept(JsonNode event, boolean mayWait, Instant now) {
        String follows = event.path("follows").isTextual() ? event.get("follows").asText() : null;
        if (mayWait && follows != null && !seen.contains(follows)) {
            waiting.computeIfAbsent(follows, k -> new ArrayList<>()).add(event);
            heldSince.put(event.path("id").asText(), now);
            return List.of();
        }
        List<JsonNode> ready = new ArrayList<>();
        release(event, ready);
        return ready;
    }

    /** Held events whose predecessor never came within {@code maxHold}, in arrival order, with their followers. */
    public List<JsonNode> lost(Instant now) {
        if (heldSince.isEmpty()) {
            return List.of();
        }
        List<JsonNode> ready = new ArrayList<>();
        Iterator<Map.Entry<String, List<JsonNode>>> it = waiting.entrySet().iterator();
        List<JsonNode> expired = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, List<JsonNode>> e = it.next();
            boolean old = e.getValue().stream().anyMatch(f -> {
                Instant since = heldSince.get(f.path("id").asText());
                return since != null && !since.plus(maxHold).isAfter(now);
            });
            if (old) {
                expired.addAll(e.getValue());
                it.remove();
            }
        }
        for (JsonNode f : expired) {
            release(f, ready);
        }
        return ready;
    }

    public int held() {
        return heldSince.size();
    }

    private void release(JsonNode first, List<JsonNode> ready) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.add(first);
        while (!todo.isEmpty()) {
            JsonNode e = todo.poll();
            String id = e.path("id").asText();
            heldSince.remove(id);
            remember(id);
            ready.add(e);
            List<JsonNode> followers = waiting.remove(id);
            if (followers != null) {
                todo.addAll(followers);
            }
        }
    }

    private void remember(String id) {
        seen.add(id);
        if (seen.size() > remembered) {
            Iterator<String> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
