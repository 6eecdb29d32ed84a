package io.baton.domain.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.schedule.Schedule;

/** A validated schedule to attach to a deployment. */
public record ScheduleSpec(Schedule schedule, boolean active, Integer maxScheduledRuns, JsonNode parameters,
        String slug) {}
