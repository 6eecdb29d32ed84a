package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Times;
import io.baton.domain.orchestration.ClientInfo;
import io.baton.domain.orchestration.recorder.StateJson;
import io.baton.domain.run.RunHistory;
import io.baton.http.ApiCall;
import io.baton.http.ApiException;
import io.baton.json.Json;
import io.baton.storage.RejectedRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Reading run request bodies and headers, shared by the run route modules. */
final class RunRequests {

    private RunRequests() {}

    static ClientInfo client(ApiCall call) {
        return ClientInfo.fromHeaders(call.header("User-Agent"), call.header("X-PREFECT-API-VERSION"));
    }

    /** Runs a store call, answering its refusals with Prefect's {@code detail} errors. */
    static <T> T refusals(Supplier<T> work) {
        try {
            return work.get();
        } catch (RejectedRequestException e) {
            int status = switch (e.reason()) {
                case NOT_FOUND -> 404;
                case NOT_ALLOWED -> 400;
                case CONFLICT -> 409;
            };
            throw ApiException.detail(status, e.getMessage());
        }
    }

    static boolean present(JsonNode body, String field) {
        return body.has(field);
    }

    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static UUID uuid(JsonNode body, String field) {
        String t = text(body, field);
        return t == null ? null : UUID.fromString(t);
    }

    static Instant instant(JsonNode body, String field) {
        String t = text(body, field);
        return t == null ? null : Times.parse(t);
    }

    static JsonNode json(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v;
    }

    static List<String> strings(JsonNode body, String field) {
        return Json.stringList(body.get(field));
    }

    /** The history window of a {@code /history} body; intervals under a second are refused as Prefect does. */
    record HistoryWindow(Instant start, Instant end, Duration interval) {
        static HistoryWindow of(JsonNode body) {
            double seconds = body.path("history_interval_seconds").asDouble();
            Duration interval = Duration.ofNanos(Math.round(seconds * 1e9));
            if (interval.compareTo(RunHistory.MIN_INTERVAL) < 0) {
                throw ApiException.detail(422, "History interval must not be less than 1 second.");
            }
            return new HistoryWindow(instant(body, "history_start"), instant(body, "history_end"), interval);
        }
    }

    static io.baton.domain.run.TaskRunPolicy taskRunPolicy(JsonNode body) {
        return StateJson.taskRunPolicy(body.get("empirical_policy"));
    }
}
