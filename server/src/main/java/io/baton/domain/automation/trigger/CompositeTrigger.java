package io.baton.domain.automation.trigger;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A compound ({@code require} all, any or a number of its children) or sequence (all children, in order)
 * trigger. {@code within} (null: unbounded) is how far apart the child firings may be.
 */
public record CompositeTrigger(UUID id, String type, List<Trigger> triggers, int expectedFirings, Duration within)
        implements Trigger {

    public boolean isSequence() {
        return type.equals("sequence");
    }
}
