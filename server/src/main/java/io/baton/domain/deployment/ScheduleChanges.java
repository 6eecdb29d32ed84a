package io.baton.domain.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Change;
import io.baton.domain.schedule.Schedule;

/** A schedule PATCH; a null {@link Change} is a field not in the request. */
public record ScheduleChanges(Change<Schedule> schedule, Change<Boolean> active, Change<Integer> maxScheduledRuns,
        Change<JsonNode> parameters, Change<String> slug) {}
