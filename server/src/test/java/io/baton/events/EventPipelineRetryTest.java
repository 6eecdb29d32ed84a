package io.baton.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Times;
import io.baton.storage.EventStore;
import io.baton.storage.StorageUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The client-event writer holds acknowledgements through transient failures and refuses what cannot be stored. */
class EventPipelineRetryTest {

    /** Fails the first {@code failures} inserts as unavailable, refuses events named "bad", stores the rest. */
    private static final class FlakyStore implements EventStore {
        final AtomicInteger failures;
        final List<JsonNode> stored = new CopyOnWriteArrayList<>();

        FlakyStore(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public List<JsonNode> insert(List<JsonNode> events) {
            if (failures.getAndDecrement() > 0) {
                throw new StorageUnavailableException("database restarting", null);
            }
            if (events.stream().anyMatch(e -> e.get("event").asText().equals("bad"))) {
                throw new IllegalArgumentException("cannot store this one");
            }
            stored.addAll(events);
            return events;
        }

        @Override
        public List<JsonNode> query(EventFilter filter, int limit, int offset) {
            return List.of();
        }

        @Override
        public long count(EventFilter filter) {
            return 0;
        }

        @Override
        public List<Count> countBy(EventFilter filter, Countable countable) {
            return List.of();
        }

        @Override
        public List<Count> countByTime(EventFilter filter, double seconds) {
            return List.of();
        }
    }

    private static JsonNode received(String name) throws ReceivedEvents.InvalidEvent {
        return ReceivedEvents.normalize(TestEvents.event(name, "r", Instant.now()), Times.now());
    }

    @Test
    void aTransientFailureIsRetriedAndTheAcknowledgementWaitsForTheCommit() throws Exception {
        FlakyStore store = new FlakyStore(3);
        EventBus bus = new EventBus();
        List<JsonNode> delivered = new CopyOnWriteArrayList<>();
        bus.subscribe(delivered::add);
        try (EventPipeline pipeline = new EventPipeline(store, bus).start()) {
            JsonNode event = received("ok");
            assertThat(pipeline.ingest(List.of(event))).containsExactly(event);
            assertThat(store.stored).containsExactly(event);
            assertThat(store.failures.get()).isNegative();
            // Subscribers hear of a batch just after its senders are answered: wait for it, under a deadline.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (delivered.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(delivered).containsExactly(event);
        }
    }

    @Test
    void anEventTheDatabaseRefusesIsRefusedToItsSenderAndItsNeighboursAreStored() throws Exception {
        FlakyStore store = new FlakyStore(0);
        try (EventPipeline pipeline = new EventPipeline(store, new EventBus()).start()) {
            JsonNode good = received("ok");
            JsonNode bad = received("bad");
            assertThatThrownBy(() -> pipeline.ingest(List.of(good, bad))).isInstanceOf(UnstorableEventException.class);
            assertThat(store.stored).containsExactly(good);
            JsonNode later = received("ok");
            assertThat(pipeline.ingest(List.of(later))).containsExactly(later);
        }
    }

    @Test
    void serverCodePublishingOutsideATransactionIsStoredBeforePublishReturns() throws Exception {
        FlakyStore store = new FlakyStore(2);
        try (EventPipeline pipeline = new EventPipeline(store, new EventBus()).start()) {
            pipeline.publish(List.of(TestEvents.event("ok", "r", Instant.now())));
            assertThat(store.stored).hasSize(1);
        }
    }
}
