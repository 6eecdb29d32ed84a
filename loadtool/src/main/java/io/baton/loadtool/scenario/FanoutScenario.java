package io.baton.loadtool.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.loadtool.events.EventsOutSubscriber;
import io.baton.loadtool.http.ApiResponse;
import io.baton.loadtool.http.Json;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Cross-replica event delivery: users {@code POST /events} batches at a target total rate to {@code --url}
 * (one replica) while one {@code /events/out} subscriber per {@code --subscribe-url} (the other replicas) receives
 * them (a subscriber on {@code --url} itself gives the same-replica figure to compare with); each event carries
 * its send time, and the time to each subscriber is recorded, in all and per subscriber. Delivery is complete
 * when every subscriber got every acknowledged event.
 */
public final class FanoutScenario implements Scenario {
    public static final String SENT = "events acknowledged";
    public static final String RECEIVED = "events received by subscribers";
    public static final String LATENCY = "cross-replica delivery";
    private static final String SENT_FIELD = "\"sent_at_us\":";

    private final List<String> subscribeUrls;
    private final double rate;
    private final int batch;
    private final String prefix = "baton-load.fanout." + UUID.randomUUID().toString().substring(0, 8);
    private final List<EventsOutSubscriber> subscribers = new ArrayList<>();

    public FanoutScenario(List<String> subscribeUrls, double rate, int batch) {
        this.subscribeUrls = subscribeUrls;
        this.rate = rate;
        this.batch = batch;
    }

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public void setup(RunContext context) {
        String filter = "{\"type\":\"filter\",\"backfill\":false,\"filter\":{\"occurred\":{\"since\":\""
                + Instant.now().minusSeconds(60) + "\",\"until\":\"" + Instant.now().plus(365, ChronoUnit.DAYS)
                + "\"},\"event\":{\"prefix\":[\"" + prefix + "\"]}}}";
        for (String url : subscribeUrls) {
            try {
                subscribers.add(EventsOutSubscriber.open(context.api().http(), EventsOutSubscriber.eventsOutUri(url),
                        filter, context.requestTimeout(), frame -> received(context, url, frame)));
            } catch (IOException e) {
                context.note("no subscriber at " + url + ": " + e.getMessage());
            }
        }
    }

    private static void received(RunContext context, String url, String frame) {
        int at = frame.indexOf(SENT_FIELD);
        if (at < 0) {
            return;
        }
        int end = at + SENT_FIELD.length();
        while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
            end++;
        }
        long sentMicros = Long.parseLong(frame.substring(at + SENT_FIELD.length(), end));
        long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        context.metrics().incrementAlways(RECEIVED, 1);
        if (context.metrics().recording()) {
            long nanos = Math.max(0, nowMicros - sentMicros) * 1000;
            context.metrics().recordValue(LATENCY, nanos);
            context.metrics().recordValue(LATENCY + " at " + URI.create(url).getAuthority(), nanos);
        }
    }

    @Override
    public VirtualUser newUser(int index, RunContext context) {
        double batchesPerSecond = rate / batch / context.clients();
        long intervalNanos = (long) (1e9 / batchesPerSecond);
        return new VirtualUser() {
            private long next = System.nanoTime();

            @Override
            public boolean iterate() throws InterruptedException {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } else if (-wait > 1_000_000_000L) {
                    next = System.nanoTime(); // behind by more than a second: do not try to catch up in a burst
                }
                next += intervalNanos;
                ArrayNode events = Json.array();
                for (int i = 0; i < batch; i++) {
                    ObjectNode e = events.addObject();
                    e.put("id", UUID.randomUUID().toString());
                    e.put("occurred", Instant.now().toString());
                    e.put("event", prefix + ".tick");
                    e.putObject("resource").put("prefect.resource.id", prefix);
                    e.putArray("related");
                    e.putObject("payload").put("sent_at_us", ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
                }
                ApiResponse r = context.api().post("/events", events);
                if (!r.ok()) {
                    return false;
                }
                context.metrics().incrementAlways(SENT, batch);
                context.metrics().increment("events/s", batch);
                return true;
            }
        };
    }

    @Override
    public void afterLoad(RunContext context) throws InterruptedException {
        long expected = context.metrics().counter(SENT) * subscribers.size();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (context.metrics().counter(RECEIVED) < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long missing = expected - context.metrics().counter(RECEIVED);
        if (missing != 0) {
            context.note(missing + " deliveries missing 10 s after the load (" + expected + " expected)");
        }
        subscribers.forEach(EventsOutSubscriber::close);
    }

    @Override
    public Map<String, Double> throughput(RunContext context, double measuredSeconds) {
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("events/s sent", context.metrics().counter("events/s") / measuredSeconds);
        rates.put("subscribers", (double) subscribers.size());
        return rates;
    }
}
