package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Times;
import io.baton.events.EventFilter;
import io.baton.events.EventPipeline;
import io.baton.events.UnstorableEventException;
import io.baton.events.ReceivedEvents;
import io.baton.http.ApiCall;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.http.HttpServer;
import io.baton.http.ws.EventsInServlet;
import io.baton.http.ws.EventsOutSocket;
import io.baton.http.ws.PrefectSocket;
import io.baton.json.Json;
import io.baton.storage.EventStore;
import io.javalin.config.JavalinConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /events}: HTTP ingestion, filtered reads with opaque next-page tokens, counts, and the
 * {@code /events/in} (served by Jetty directly, see {@link EventsInServlet}) and {@code /events/out} websockets.
 */
public final class EventRoutes implements RouteModule {

    private static final Logger log = LoggerFactory.getLogger(EventRoutes.class);
    private static final int DEFAULT_LIMIT = 50;
    private static final Map<String, Double> UNIT_SECONDS = Map.of(
            "week", 604800.0, "day", 86400.0, "hour", 3600.0, "minute", 60.0, "second", 1.0);

    private final EventStore store;
    private final EventPipeline pipeline;
    private final PrefectSocket sockets;

    public EventRoutes(EventStore store, EventPipeline pipeline, PrefectSocket sockets) {
        this.store = store;
        this.pipeline = pipeline;
        this.sockets = sockets;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/events", call -> {
            Instant now = Times.now();
            List<JsonNode> received = new ArrayList<>();
            // Refused whole, before acknowledgement: a 204 means every event in the batch is stored.
            int index = 0;
            for (JsonNode e : call.body()) {
                try {
                    received.add(ReceivedEvents.normalize(e, now));
                } catch (ReceivedEvents.InvalidEvent invalid) {
                    throw ApiException.invalidField(List.of("body", index), invalid.getMessage(), e, call.body());
                }
                index++;
            }
            try {
                pipeline.ingest(received);
            } catch (UnstorableEventException refused) {
                throw ApiException.detail(422, refused.getMessage());
            }
            return Reply.noContent();
        });
        r.post("/events/filter", call -> {
            JsonNode body = call.body();
            int limit = body.path("limit").asInt(DEFAULT_LIMIT);
            return page(call, resolved(body.get("filter"), Times.now()), limit, 0, null);
        });
        r.get("/events/filter/next", call -> {
            JsonNode token = decode(call.query().path("page-token").asText());
            return page(call, token.get("filter"), token.get("limit").asInt(), token.get("offset").asInt(),
                    token.get("total").asLong());
        });
        r.post("/events/count-by/{countable}", call -> {
            JsonNode body = call.body();
            EventFilter filter = EventFilter.parse(body.get("filter"), Times.now());
            String countable = call.path("countable");
            try {
                return switch (countable) {
                    case "event" -> counts(store.countBy(filter, EventStore.Countable.EVENT));
                    case "resource" -> counts(store.countBy(filter, EventStore.Countable.RESOURCE));
                    case "day" -> counts(store.countByTime(filter.withSince(filter.since().atZone(ZoneOffset.UTC)
                            .toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC)), 86400));
                    default -> counts(store.countByTime(filter,
                            UNIT_SECONDS.get(body.path("time_unit").asText("day"))
                                    * body.path("time_interval").asDouble(1.0)));
                };
            } catch (IllegalArgumentException e) {
                throw ApiException.detail(422, e.getMessage());
            }
        });
        r.routes().ws(r.basePath() + "/events/out", sockets.endpoint(new EventsOutSocket(store, pipeline.bus())));
    }

    @Override
    public void configure(JavalinConfig config) {
        EventsInServlet eventsIn = new EventsInServlet(pipeline, sockets);
        config.jetty.modifyServletContextHandler(context ->
                context.addServlet(new ServletHolder("events-in", eventsIn), HttpServer.API_BASE + "/events/in"));
    }

    /** The filter JSON with its occurred window fixed, so every page of one query sees the same window. */
    private static JsonNode resolved(JsonNode filter, Instant now) {
        ObjectNode f = filter == null || !filter.isObject() ? Json.object() : ((ObjectNode) filter).deepCopy();
        EventFilter parsed = EventFilter.parse(f, now);
        ObjectNode occurred = Json.object();
        occurred.put("since", Json.timestamp(parsed.since()));
        occurred.put("until", Json.timestamp(parsed.until()));
        f.set("occurred", occurred);
        return f;
    }

    private Map<String, Object> page(ApiCall call, JsonNode filterJson, int limit, int offset, Long knownTotal) {
        EventFilter filter = EventFilter.parse(filterJson, Times.now());
        List<JsonNode> events = store.query(filter, limit, offset);
        long total = knownTotal != null ? knownTotal : store.count(filter);
        String next = null;
        if (limit > 0 && offset + events.size() < total && events.size() == limit) {
            ObjectNode token = Json.object();
            token.set("filter", filterJson);
            token.put("limit", limit);
            token.put("offset", offset + limit);
            token.put("total", total);
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(Json.writeBytes(token));
            var ctx = call.ctx();
            next = ctx.scheme() + "://" + ctx.host() + ApiPaths.base(ctx.path()) + "/events/filter/next?page-token="
                    + URLEncoder.encode(encoded, StandardCharsets.UTF_8);
        }
        java.util.LinkedHashMap<String, Object> page = new java.util.LinkedHashMap<>();
        page.put("events", events);
        page.put("total", total);
        page.put("next_page", next);
        return page;
    }

    private static JsonNode decode(String token) {
        try {
            JsonNode t = Json.read(Base64.getUrlDecoder().decode(token));
            if (!t.path("filter").isObject() || !t.path("limit").canConvertToInt() || !t.path("offset").canConvertToInt()
                    || !t.path("total").isNumber()) {
                throw new IllegalArgumentException("incomplete token");
            }
            EventFilter.parse(t.get("filter"), Times.now());
            return t;
        } catch (RuntimeException e) {
            throw ApiException.detail(403, "Invalid page token");
        }
    }

    private static List<Map<String, Object>> counts(List<EventStore.Count> counts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EventStore.Count c : counts) {
            java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("value", c.value());
            m.put("label", c.label());
            m.put("count", c.count());
            m.put("start_time", c.startTime());
            m.put("end_time", c.endTime());
            out.add(m);
        }
        return out;
    }

    /** The API base of a request path ({@code /api/events/filter} -> {@code /api}). */
    private static final class ApiPaths {
        static String base(String path) {
            int i = path.indexOf("/events/");
            return i < 0 ? "" : path.substring(0, i);
        }
    }
}
