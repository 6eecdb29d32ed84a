package io.baton.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.BatonServer;
import io.baton.json.Json;
import io.baton.testing.DbKind;
import io.baton.testing.Replay;
import io.baton.testing.TestServers;
import io.baton.testing.TestSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The recorded session of Prefect's events subscriber ({@code events-out-subscriber.jsonl}) replayed frame by
 * frame against a fresh server, in the recording's own time (a frame is never sent before its recorded offset, so
 * "now" relates to every event as it did when recorded) with every timestamp moved to the present: each subscriber must
 * receive exactly the events Prefect's server sent it (same ids, same order) and nothing else - the backfill,
 * the live events, and the live events a filter's {@code occurred} range (or its default, up to the moment of
 * subscribing) excludes.
 */
@ParameterizedClass
@EnumSource(DbKind.class)
class EventsOutReplayTest {

    private static final Pattern TIMESTAMP = Pattern.compile(
            "\"(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2}))\"");

    @Parameter
    DbKind db;

    @Test
    void eachSubscriberGetsExactlyWhatPrefectSent() {
        List<JsonNode> lines = Replay.lines("events-out-subscriber.jsonl");
        // The recording's wall clock at t=0: the first emitted event's occurred minus its offset.
        JsonNode firstEvent = lines.stream().filter(l -> l.path("data").has("occurred")).findFirst().orElseThrow();
        Instant recordedStart = Instant.parse(firstEvent.path("data").path("occurred").asText())
                .minusMillis((long) (firstEvent.path("t").asDouble() * 1000));
        Instant start = Instant.now();
        Duration shift = Duration.between(recordedStart, start);
        Map<Integer, Integer> lastLine = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            lastLine.put(lines.get(i).path("conn").asInt(), i);
        }
        Map<Integer, TestSocket> sockets = new HashMap<>();
        List<String> mismatches = new ArrayList<>();
        try (BatonServer server = TestServers.fresh(db, UnaryOperator.identity())) {
            for (int i = 0; i < lines.size(); i++) {
                JsonNode line = lines.get(i);
                int conn = line.path("conn").asInt();
                switch (line.path("kind").asText()) {
                    case "ws_open" -> sockets.put(conn, TestSocket.open(server, Replay.path(line).substring(4)));
                    case "ws_msg" -> {
                        TestSocket socket = sockets.get(conn);
                        JsonNode data = line.path("data");
                        if ("client->server".equals(line.path("direction").asText())) {
                            waitUntil(start.plusMillis((long) (line.path("t").asDouble() * 1000)));
                            socket.send(shifted(data.toString(), shift));
                            if ("filter".equals(data.path("type").asText())) {
                                socket.pingAndAwaitPong();
                            } else if (data.has("occurred")) {
                                socket.pingAndAwaitPong(); // committed before the next step, as recorded
                            }
                        } else {
                            JsonNode actual = socket.next();
                            String expected = data.path("type").asText() + " "
                                    + data.path("event").path("id").asText("");
                            String got = actual == null ? "nothing"
                                    : actual.path("type").asText() + " " + actual.path("event").path("id").asText("");
                            if (!expected.equals(got)) {
                                mismatches.add("line " + (i + 1) + ": expected " + expected + ", got " + got);
                            }
                        }
                    }
                    default -> { }
                }
                TestSocket socket = sockets.get(conn);
                if (socket != null && lastLine.get(conn) == i) {
                    socket.pingAndAwaitPong();
                    JsonNode extra = socket.poll();
                    if (extra != null) {
                        mismatches.add("conn " + conn + " got more than recorded: " + extra);
                    }
                }
            }
        } finally {
            sockets.values().forEach(TestSocket::close);
        }
        assertThat(mismatches).isEmpty();
    }

    private static void waitUntil(Instant when) {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Every timestamp in {@code json} moved by {@code shift}. */
    static String shifted(String json, Duration shift) {
        Matcher m = TIMESTAMP.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Instant t = java.time.OffsetDateTime.parse(m.group(1)).toInstant().plus(shift);
            m.appendReplacement(out, "\"" + Json.timestamp(t) + "\"");
        }
        m.appendTail(out);
        return out.toString();
    }
}
