package io.baton.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Times;
import io.baton.storage.EventStore;
import io.baton.storage.StorageUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every event goes: {@code /events/in}, {@code POST /events} and the server's own events. One writer
 * thread group-commits whatever is waiting (up to {@link #MAX_BATCH} events per transaction): the events are
 * stored (duplicates by id ignored), their task runs recorded in the same transaction, and after the commit
 * the new events go to the {@link EventBus}.
 *
 * <p>{@link #ingest} blocks until its events are committed, so a websocket that processes frames in order
 * only answers a ping after every event before it is durable. {@link #publish} (server-emitted events) only
 * enqueues: it never waits for the database, so it is safe to call inside another write transaction (on
 * SQLite that transaction holds the only write connection).
 */
public final class EventPipeline implements EventPublisher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventPipeline.class);
    static final int MAX_BATCH = 250;
    private static final int QUEUE_CAPACITY = 50_000;
    private static final int ASYNC_ATTEMPTS = 5;

    private record Submission(List<JsonNode> events, CompletableFuture<List<JsonNode>> done, int attempt) {}

    private final EventStore store;
    private final EventBus bus;
    private final BlockingQueue<Submission> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writer;
    private volatile boolean running = true;

    public EventPipeline(EventStore store, EventBus bus) {
        this.store = store;
        this.bus = bus;
        this.writer = Thread.ofPlatform().name("baton-event-writer").daemon(true).unstarted(this::run);
    }

    public EventPipeline start() {
        writer.start();
        return this;
    }

    public EventBus bus() {
        return bus;
    }

    /**
     * Stores validated ReceivedEvents and returns once they are committed; returns the events that were new.
     *
     * @throws StorageUnavailableException when the database could not take them (the caller should let the
     *                                     client retry)
     */
    public List<JsonNode> ingest(List<JsonNode> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        CompletableFuture<List<JsonNode>> done = new CompletableFuture<>();
        try {
            if (!running || !queue.offer(new Submission(events, done, 1), 10, TimeUnit.SECONDS)) {
                throw new StorageUnavailableException("event queue full", null);
            }
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new StorageUnavailableException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** Server-emitted events (Prefect Event JSON): validated, stamped and queued without waiting. */
    @Override
    public void publish(List<JsonNode> events) {
        List<JsonNode> received = new ArrayList<>(events.size());
        for (JsonNode e : events) {
            try {
                received.add(ReceivedEvents.normalize(e, Times.now()));
            } catch (ReceivedEvents.InvalidEvent invalid) {
                log.warn("Dropping an invalid server event: {}", invalid.getMessage());
            }
        }
        if (!received.isEmpty() && !queue.offer(new Submission(received, null, 1))) {
            log.warn("Event queue full; dropping {} server events", received.size());
        }
    }

    private void run() {
        List<Submission> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Submission first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int size = first.events().size();
                Submission next;
                while (size < MAX_BATCH && (next = queue.peek()) != null && size + next.events().size() <= MAX_BATCH) {
                    batch.add(queue.poll());
                    size += next.events().size();
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Event writer failure", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Submission> batch) {
        List<JsonNode> all = new ArrayList<>();
        batch.forEach(s -> all.addAll(s.events()));
        List<JsonNode> inserted;
        try {
            inserted = store.insert(all);
        } catch (StorageUnavailableException e) {
            log.warn("Event batch of {} not stored: {}", all.size(), e.getMessage());
            for (Submission s : batch) {
                failOrRetry(s, e);
            }
            return;
        } catch (RuntimeException e) {
            // One bad event must not sink its neighbours: store each submission's events one by one.
            inserted = writeIndividually(batch);
            bus.delivered(inserted);
            return;
        }
        complete(batch, inserted);
        bus.delivered(inserted);
    }

    private List<JsonNode> writeIndividually(List<Submission> batch) {
        List<JsonNode> inserted = new ArrayList<>();
        for (Submission s : batch) {
            List<JsonNode> mine = new ArrayList<>();
            RuntimeException transientFailure = null;
            for (JsonNode e : s.events()) {
                try {
                    mine.addAll(store.insert(List.of(e)));
                } catch (StorageUnavailableException unavailable) {
                    transientFailure = unavailable;
                    break;
                } catch (RuntimeException bad) {
                    log.warn("Dropping event {} that cannot be stored: {}", e.path("id").asText(), bad.getMessage());
                }
            }
            inserted.addAll(mine);
            if (transientFailure != null) {
                failOrRetry(s, transientFailure);
            } else if (s.done() != null) {
                s.done().complete(mine);
            }
        }
        return inserted;
    }

    private void failOrRetry(Submission s, RuntimeException e) {
        if (s.done() != null) {
            s.done().completeExceptionally(e);
        } else if (s.attempt() < ASYNC_ATTEMPTS && running) {
            if (!queue.offer(new Submission(s.events(), null, s.attempt() + 1))) {
                log.warn("Dropping {} server events after a storage failure", s.events().size());
            }
        } else {
            log.warn("Dropping {} server events after {} attempts", s.events().size(), s.attempt());
        }
    }

    private static void complete(List<Submission> batch, List<JsonNode> inserted) {
        java.util.Set<UUID> fresh = new java.util.HashSet<>();
        inserted.forEach(e -> fresh.add(ReceivedEvents.id(e)));
        for (Submission s : batch) {
            if (s.done() != null) {
                s.done().complete(s.events().stream().filter(e -> fresh.contains(ReceivedEvents.id(e))).toList());
            }
        }
    }

    /** Stops taking events and drains what is queued (server events included) before returning. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
