package io.baton.domain.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The schedule-specific fields of a flow run the scheduler inserts; the caller adds the
 * deployment-derived ones (ids, flow, work queue, version, labels, infrastructure document).
 *
 * @param expectedStartTime also the run's {@code next_scheduled_start_time} and the state's {@code scheduled_time}
 * @param idempotencyKey    unique per flow together with the flow id; re-inserting is a no-op
 * @param tags              {@code auto-scheduled} followed by the deployment's tags
 * @param parameters        deployment parameters overlaid with the schedule's parameters
 * @param createdBy         {@code {"id": <schedule id>, "type": "SCHEDULE", "display_value": ...}}
 */
public record ScheduledRun(Instant expectedStartTime, String idempotencyKey, List<String> tags, ObjectNode parameters,
        ObjectNode createdBy) {

    public static final String STATE_TYPE = "SCHEDULED";
    public static final String STATE_NAME = "Scheduled";
    public static final String STATE_MESSAGE = "Flow run scheduled";
    public static final String AUTO_SCHEDULED_TAG = "auto-scheduled";

    public ScheduledRun {
        tags = List.copyOf(tags);
    }

    /** Scheduler-created runs are always flagged {@code auto_scheduled = true}. */
    public boolean autoScheduled() {
        return true;
    }
}
