package io.baton.domain.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Validation of a deployment schedule's {@code max_scheduled_runs}: {@code null} or an integer
 * {@code > 0} and at most {@code PREFECT_DEPLOYMENT_SCHEDULE_MAX_SCHEDULED_RUNS} (default 50).
 */
public final class MaxScheduledRuns {

    public static final int DEFAULT_LIMIT = 50;

    private MaxScheduledRuns() {
    }

    /** Violations with {@code loc} {@code ["max_scheduled_runs"]}; empty when the value is acceptable. */
    public static List<ScheduleViolation> validate(JsonNode value, int limit) {
        List<ScheduleViolation> violations = new ArrayList<>();
        List<Object> loc = List.of("max_scheduled_runs");
        if (value == null || value.isNull()) {
            return violations;
        }
        boolean integral = value.isIntegralNumber()
                || (value.isFloatingPointNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
        if (!integral) {
            violations.add(new ScheduleViolation(loc, "int_type", "Input should be a valid integer", value));
        } else if (value.longValue() <= 0) {
            violations.add(new ScheduleViolation(loc, "greater_than", "Input should be greater than 0", value));
        } else if (value.longValue() > limit) {
            violations.add(ScheduleViolation.valueError(loc,
                    "`max_scheduled_runs` must be less than or equal to " + limit + ".", value));
        }
        return violations;
    }
}
