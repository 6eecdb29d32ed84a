package io.baton.domain.automation.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Event triggers over scripted event sequences, with the bucket state kept between events as the store would. */
class TriggerEvaluationTest {

    private static final Instant T0 = Instant.parse("2026-12-08T00:00:00Z");

    /** Buckets by key, as the database holds them. */
    private final Map<List<String>, Bucket> buckets = new HashMap<>();

    private static ObjectNode event(String name, String resource, Instant occurred, String... labels) {
        ObjectNode e = Json.object();
        e.put("id", UUID.randomUUID().toString());
        e.put("occurred", Json.timestamp(occurred));
        e.put("event", name);
        ObjectNode r = Json.object().put("prefect.resource.id", resource);
        for (int i = 0; i + 1 < labels.length; i += 2) {
            r.put(labels[i], labels[i + 1]);
        }
        e.set("resource", r);
        e.set("related", Json.array());
        e.set("payload", Json.object());
        return e;
    }

    private static EventTrigger trigger(String json) {
        return (EventTrigger) Trigger.parse(Json.read(json));
    }

    private List<Firing> send(EventTrigger t, JsonNode event) {
        if (!t.covers(event)) {
            return List.of();
        }
        List<String> key = t.bucketingKey(event);
        Instant occurred = Instant.parse(event.get("occurred").asText());
        BucketEvaluation.Step step = BucketEvaluation.onEvent(t, buckets.get(key), event, occurred, occurred,
                UUID::randomUUID);
        store(key, step.bucket());
        return step.firings();
    }

    private List<Firing> tick(EventTrigger t, Instant now) {
        List<Firing> out = new ArrayList<>();
        if (BucketEvaluation.needsInitialBucket(t)) {
            buckets.putIfAbsent(List.of(), BucketEvaluation.initialProactiveBucket(t, now));
        }
        for (Bucket b : new ArrayList<>(buckets.values())) {
            if (!b.end().isAfter(now)) {
                BucketEvaluation.Step step = BucketEvaluation.onTime(t, b, now, UUID::randomUUID);
                store(b.key(), step.bucket());
                out.addAll(step.firings());
            }
        }
        return out;
    }

    private void store(List<String> key, Bucket bucket) {
        if (bucket == null) {
            buckets.remove(key);
        } else {
            buckets.put(key, bucket);
        }
    }

    @Test
    void reactiveThresholdFiresOnTheThirdEventPerForEachKeyOnly() {
        EventTrigger t = trigger("""
                {"type":"event","id":"4470863b-895c-4a0b-a6af-e9e72c2a7b3c","match":{"prefect.resource.id":"acme.order.*"},
                 "match_related":{},"after":[],"expect":["acme.order.placed"],"for_each":["acme.customer"],
                 "posture":"Reactive","threshold":3,"within":30.0}""");
        assertThat(send(t, event("acme.order.placed", "acme.order.1", T0, "acme.customer", "alice"))).isEmpty();
        assertThat(send(t, event("acme.order.placed", "acme.order.2", T0.plusSeconds(1), "acme.customer", "bob"))).isEmpty();
        assertThat(send(t, event("acme.order.placed", "acme.order.3", T0.plusSeconds(2), "acme.customer", "alice"))).isEmpty();
        assertThat(send(t, event("acme.order.placed", "acme.order.4", T0.plusSeconds(3), "acme.customer", "bob"))).isEmpty();
        ObjectNode third = event("acme.order.placed", "acme.order.5", T0.plusSeconds(4), "acme.customer", "alice");
        List<Firing> fired = send(t, third);
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).triggeringLabels()).containsExactly(Map.entry("acme.customer", "alice"));
        assertThat(fired.get(0).triggeringEvent()).isEqualTo(third);
        // Later events in the same window do not fire again; other resources and names are not covered.
        assertThat(send(t, event("acme.order.placed", "acme.order.6", T0.plusSeconds(5), "acme.customer", "alice"))).isEmpty();
        assertThat(t.covers(event("acme.order.cancelled", "acme.order.7", T0, "acme.customer", "alice"))).isFalse();
        assertThat(t.covers(event("acme.order.placed", "other.8", T0, "acme.customer", "alice"))).isFalse();
    }

    @Test
    void eventsSpreadWiderThanTheWindowDoNotFire() {
        EventTrigger t = trigger("""
                {"type":"event","match":{},"expect":["x.tick"],"posture":"Reactive","threshold":2,"within":10}""");
        assertThat(send(t, event("x.tick", "r", T0))).isEmpty();
        assertThat(send(t, event("x.tick", "r", T0.plusSeconds(11)))).isEmpty();
        assertThat(send(t, event("x.tick", "r", T0.plusSeconds(25)))).isEmpty();
        assertThat(send(t, event("x.tick", "r", T0.plusSeconds(26)))).hasSize(1);
    }

    @Test
    void immediateTriggerFiresOnEveryEvent() {
        EventTrigger t = trigger("""
                {"type":"event","match":{"prefect.resource.id":"prefect.flow-run.*"},"expect":["prefect.flow-run.Failed"],
                 "posture":"Reactive","threshold":1,"within":0}""");
        assertThat(send(t, event("prefect.flow-run.Failed", "prefect.flow-run.1", T0))).hasSize(1);
        assertThat(send(t, event("prefect.flow-run.Failed", "prefect.flow-run.2", T0))).hasSize(1);
        assertThat(send(t, event("prefect.flow-run.Completed", "prefect.flow-run.3", T0))).isEmpty();
    }

    @Test
    void proactiveFiresWhenTheExpectedEventIsMissingAfterTheStartingOne() {
        EventTrigger t = trigger("""
                {"type":"event","match":{"prefect.resource.id":"prefect.flow-run.*"},"after":["prefect.flow-run.Running"],
                 "expect":["prefect.flow-run.Completed"],"for_each":["prefect.resource.id"],"posture":"Proactive",
                 "threshold":1,"within":15}""");
        ObjectNode running = event("prefect.flow-run.Running", "prefect.flow-run.a", T0);
        send(t, running);
        send(t, event("prefect.flow-run.Running", "prefect.flow-run.b", T0));
        send(t, event("prefect.flow-run.Completed", "prefect.flow-run.b", T0.plusSeconds(5)));
        assertThat(tick(t, T0.plusSeconds(10))).isEmpty();
        List<Firing> fired = tick(t, T0.plusSeconds(16));
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).triggeringEvent()).isEqualTo(running);
        assertThat(fired.get(0).triggeringLabels()).containsEntry("prefect.resource.id", "prefect.flow-run.a");
        assertThat(buckets).isEmpty();
        assertThat(tick(t, T0.plusSeconds(40))).isEmpty();
    }

    @Test
    void proactiveWithoutAfterFiresForEveryQuietWindow() {
        EventTrigger t = trigger("""
                {"type":"event","match":{},"expect":["x.heartbeat"],"posture":"Proactive","threshold":1,"within":10}""");
        assertThat(tick(t, T0)).isEmpty();
        assertThat(tick(t, T0.plusSeconds(10))).hasSize(1);
        send(t, event("x.heartbeat", "r", T0.plusSeconds(12)));
        assertThat(tick(t, T0.plusSeconds(20))).isEmpty();
        assertThat(tick(t, T0.plusSeconds(30))).hasSize(1);
    }

    @Test
    void resourceSpecificationsMatchPrefixesListsAndNegations() {
        ResourceSpec spec = ResourceSpec.parse(Json.read("""
                {"prefect.resource.id":["acme.*","!acme.secret"],"env":"prod"}"""));
        assertThat(spec.matches(Json.read("{\"prefect.resource.id\":\"acme.a\",\"env\":\"prod\"}"))).isTrue();
        assertThat(spec.matches(Json.read("{\"prefect.resource.id\":\"acme.secret\",\"env\":\"prod\"}"))).isFalse();
        assertThat(spec.matches(Json.read("{\"prefect.resource.id\":\"acme.a\",\"env\":\"dev\"}"))).isFalse();
        assertThat(spec.matches(Json.read("{\"prefect.resource.id\":\"acme.a\"}"))).isFalse();
        EventTrigger related = trigger("""
                {"type":"event","match_related":{"prefect.resource.role":"flow","prefect.resource.name":"fragile-flow"},
                 "expect":["prefect.flow-run.*"]}""");
        ObjectNode e = event("prefect.flow-run.Failed", "prefect.flow-run.1", T0);
        assertThat(related.covers(e)).isFalse();
        ((com.fasterxml.jackson.databind.node.ArrayNode) e.get("related")).add(Json.object()
                .put("prefect.resource.id", "prefect.flow.1").put("prefect.resource.role", "flow")
                .put("prefect.resource.name", "fragile-flow"));
        assertThat(related.covers(e)).isTrue();
    }

    private static CompositeTrigger composite(String json) {
        return (CompositeTrigger) Trigger.parse(Json.read(json));
    }

    private static Firing childFiring(Trigger child, Instant at) {
        return new Firing(UUID.randomUUID(), child.id(), at, Map.of(), null);
    }

    private static final String CHILDREN = """
            [{"type":"event","id":"00000000-0000-0000-0000-000000000001","expect":["a"]},
             {"type":"event","id":"00000000-0000-0000-0000-000000000002","expect":["b"]},
             {"type":"event","id":"00000000-0000-0000-0000-000000000003","expect":["c"]}]""";

    @Test
    void compoundRequireAllAnyAndNumber() {
        CompositeTrigger all = composite("{\"type\":\"compound\",\"require\":\"all\",\"within\":60,\"triggers\":" + CHILDREN + "}");
        CompositeTrigger any = composite("{\"type\":\"compound\",\"require\":\"any\",\"triggers\":" + CHILDREN + "}");
        CompositeTrigger two = composite("{\"type\":\"compound\",\"require\":2,\"triggers\":" + CHILDREN + "}");
        List<Trigger> c = all.triggers();

        var s1 = CompositeEvaluation.childFired(all, Map.of(), childFiring(c.get(0), T0), UUID::randomUUID);
        assertThat(s1.fired()).isEmpty();
        var s2 = CompositeEvaluation.childFired(all, s1.childFirings(), childFiring(c.get(0), T0.plusSeconds(1)), UUID::randomUUID);
        assertThat(s2.fired()).isEmpty();
        var s3 = CompositeEvaluation.childFired(all, s2.childFirings(), childFiring(c.get(1), T0.plusSeconds(2)), UUID::randomUUID);
        assertThat(s3.fired()).isEmpty();
        var s4 = CompositeEvaluation.childFired(all, s3.childFirings(), childFiring(c.get(2), T0.plusSeconds(3)), UUID::randomUUID);
        assertThat(s4.fired()).isPresent();
        assertThat(s4.childFirings()).isEmpty();
        // Outside the window the earlier child firings no longer count.
        var late = CompositeEvaluation.childFired(all, s3.childFirings(), childFiring(c.get(2), T0.plusSeconds(120)), UUID::randomUUID);
        assertThat(late.fired()).isEmpty();

        assertThat(CompositeEvaluation.childFired(any, Map.of(), childFiring(any.triggers().get(1), T0), UUID::randomUUID)
                .fired()).isPresent();
        var t1 = CompositeEvaluation.childFired(two, Map.of(), childFiring(two.triggers().get(2), T0), UUID::randomUUID);
        assertThat(t1.fired()).isEmpty();
        assertThat(CompositeEvaluation.childFired(two, t1.childFirings(), childFiring(two.triggers().get(0), T0),
                UUID::randomUUID).fired()).isPresent();
    }

    @Test
    void sequenceFiresOnlyInOrder() {
        CompositeTrigger seq = composite("{\"type\":\"sequence\",\"within\":60,\"triggers\":" + CHILDREN + "}");
        List<Trigger> c = seq.triggers();
        var a = CompositeEvaluation.childFired(seq, Map.of(), childFiring(c.get(0), T0), UUID::randomUUID);
        var b = CompositeEvaluation.childFired(seq, a.childFirings(), childFiring(c.get(1), T0.plusSeconds(1)), UUID::randomUUID);
        assertThat(CompositeEvaluation.childFired(seq, b.childFirings(), childFiring(c.get(2), T0.plusSeconds(2)),
                UUID::randomUUID).fired()).isPresent();

        var outOfOrder = CompositeEvaluation.childFired(seq, Map.of(), childFiring(c.get(2), T0), UUID::randomUUID);
        outOfOrder = CompositeEvaluation.childFired(seq, outOfOrder.childFirings(), childFiring(c.get(1), T0.plusSeconds(1)), UUID::randomUUID);
        assertThat(CompositeEvaluation.childFired(seq, outOfOrder.childFirings(), childFiring(c.get(0), T0.plusSeconds(2)),
                UUID::randomUUID).fired()).isEmpty();
    }

    @Test
    void followersWaitForTheirPredecessorOrUntilItIsLost() {
        CausalOrdering ordering = new CausalOrdering(java.time.Duration.ofSeconds(5), 1000);
        ObjectNode first = event("x.first", "r", T0);
        ObjectNode second = event("x.second", "r", T0);
        second.put("follows", first.get("id").asText());
        assertThat(ordering.accept(second, true, T0)).isEmpty();
        assertThat(ordering.accept(first, true, T0)).containsExactly(first, second);

        ObjectNode orphan = event("x.orphan", "r", T0);
        orphan.put("follows", UUID.randomUUID().toString());
        assertThat(ordering.accept(orphan, true, T0)).isEmpty();
        assertThat(ordering.lost(T0.plusSeconds(1))).isEmpty();
        assertThat(ordering.lost(T0.plusSeconds(6))).containsExactly(orphan);
        // An event no trigger covers is never held.
        ObjectNode uncovered = event("x.other", "r", T0);
        uncovered.put("follows", UUID.randomUUID().toString());
        assertThat(ordering.accept(uncovered, false, T0)).containsExactly(uncovered);
    }
}
