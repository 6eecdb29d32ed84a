package io.baton.domain.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;

final class ScheduleTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-21T06:00:00Z");

    private ScheduleTestSupport() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Schedule schedule(String document) {
        return Schedule.fromJson(json(document), NOW).orThrow();
    }

    static List<ScheduleViolation> violations(String document) {
        ScheduleParseResult<Schedule> result = Schedule.fromJson(json(document), NOW);
        if (result.isValid()) {
            throw new AssertionError("expected " + document + " to be rejected");
        }
        return result.violations();
    }

    static List<String> utc(List<Instant> instants) {
        return instants.stream().map(Instant::toString).toList();
    }
}
