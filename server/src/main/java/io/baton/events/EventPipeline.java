package io.baton.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Times;
import io.baton.storage.EventStore;
import io.baton.storage.StorageUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where client events go ({@code /events/in}, {@code POST /events}) and where the server's own events, stored
 * in the transactions of the changes they describe, are delivered from ({@link #delivered}). One writer thread
 * group-commits whatever client events are waiting (up to {@link #MAX_BATCH} per transaction): the events are
 * stored (duplicates by id ignored), their task runs recorded in the same transaction, and after the commit
 * the new events go to the {@link EventBus}.
 *
 * <p>Nothing acknowledged is lost: while the database is unavailable a batch is retried with backoff for up to
 * {@link #RETRY_FOR}, holding its acknowledgements, and only then refused (the client resends); an event the
 * database refuses for its content is refused to its sender ({@link UnstorableEventException}).
 *
 * <p>Submissions are written and completed in the order they were accepted, so a caller that waits for its
 * latest submission knows every earlier one of its own is settled (committed, or failed before it).
 *
 * <p>Memory is bounded by admission: client events take permits (about one per event, more for large ones)
 * that the writer returns once their batch is settled; {@link #submit} waits while none are left, which is
 * what stops a websocket from reading further frames.
 */
public final class EventPipeline implements EventPublisher, CommittedEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventPipeline.class);
    /** Events per transaction: big enough that commits are not what limits throughput. */
    static final int MAX_BATCH = 1_000;
    /** Client-event permits: two full batches waiting while one is written. */
    static final int MAX_QUEUED_WEIGHT = 2 * MAX_BATCH;
    /** One permit per this many bytes of an event's JSON (a 1.5 MB event weighs 366 ordinary ones). */
    static final int BYTES_PER_PERMIT = 4096;
    private static final Duration ADMISSION_WAIT = Duration.ofSeconds(10);
    /** How long a batch is retried while the database is unavailable before its senders are refused. */
    static final Duration RETRY_FOR = Duration.ofSeconds(10);
    private static final long FIRST_BACKOFF_MILLIS = 20;
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    private record Submission(List<JsonNode> events, CompletableFuture<List<JsonNode>> done, int weight) {}

    private final EventStore store;
    private final EventBus bus;
    private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(MAX_QUEUED_WEIGHT, true);
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

    /** The admission weight of an event whose JSON has {@code bytes} characters. */
    public static int weight(int bytes) {
        return 1 + bytes / BYTES_PER_PERMIT;
    }

    /**
     * Queues validated ReceivedEvents and returns their commit: the future completes with the events that were
     * new once they are committed, or exceptionally ({@link StorageUnavailableException}) when the database
     * could not take them. Waits (at most {@link #ADMISSION_WAIT}) while the pipeline is full.
     *
     * @throws StorageUnavailableException when the pipeline stayed full or is shut down (the caller should let
     *                                     the client retry)
     */
    public CompletableFuture<List<JsonNode>> submit(List<JsonNode> events, int weight) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        // A single submission heavier than the whole allowance waits for all of it rather than forever.
        int permits = Math.min(Math.max(weight, 1), MAX_QUEUED_WEIGHT);
        try {
            if (!running || !room.tryAcquire(permits, ADMISSION_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StorageUnavailableException("event pipeline full", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted", e);
        }
        CompletableFuture<List<JsonNode>> done = new CompletableFuture<>();
        Submission submission = new Submission(events, done, permits);
        queue.add(submission);
        if (!running && queue.remove(submission)) {
            room.release(permits);
            throw new StorageUnavailableException("event pipeline stopped", null);
        }
        return done;
    }

    /**
     * Stores validated ReceivedEvents and returns once they are committed; returns the events that were new.
     *
     * @throws StorageUnavailableException when the database could not take them (the caller should let the
     *                                     client retry)
     */
    public List<JsonNode> ingest(List<JsonNode> events) {
        CompletableFuture<List<JsonNode>> done = submit(events, events.size());
        try {
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

    /**
     * Events built by server code outside a store transaction (Prefect Event JSON): validated, stamped, stored
     * with retries like client events, then delivered; returns once they are committed. Inside a SQLite write
     * transaction the insert joins it. Changes to stored objects put their events into their own transaction
     * instead ({@code EventOutbox}).
     *
     * @throws StorageUnavailableException when the database stayed unavailable
     */
    @Override
    public void publish(List<JsonNode> events) {
        List<JsonNode> received = new ArrayList<>(events.size());
        for (JsonNode e : events) {
            try {
                received.add(ReceivedEvents.normalize(e, Times.now()));
            } catch (ReceivedEvents.InvalidEvent invalid) {
                log.error("Server event {} not published, it is invalid: {}", e.path("event").asText(),
                        invalid.getMessage());
            }
        }
        if (!received.isEmpty()) {
            bus.delivered(insertRetrying(received));
        }
    }

    /** Events already committed with the change they describe: straight to the subscribers. */
    @Override
    public void delivered(List<JsonNode> events) {
        if (!events.isEmpty()) {
            bus.delivered(events);
        }
    }

    /** Inserts, retrying with backoff while the database is unavailable, for up to {@link #RETRY_FOR}. */
    private List<JsonNode> insertRetrying(List<JsonNode> events) {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        long backoff = FIRST_BACKOFF_MILLIS;
        while (true) {
            try {
                return store.insert(events);
            } catch (StorageUnavailableException e) {
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff) > deadline) {
                    throw e;
                }
                log.warn("Event batch of {} not stored yet, retrying in {} ms: {}", events.size(), backoff,
                        e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
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
                for (Submission s : batch) {
                    s.done().completeExceptionally(new StorageUnavailableException("event writer failure", e));
                }
            } finally {
                int permits = 0;
                for (Submission s : batch) {
                    permits += s.weight();
                }
                room.release(permits);
                batch.clear();
            }
        }
    }

    private void write(List<Submission> batch) {
        List<JsonNode> all = new ArrayList<>();
        batch.forEach(s -> all.addAll(s.events()));
        List<JsonNode> inserted;
        try {
            inserted = insertRetrying(all);
        } catch (StorageUnavailableException e) {
            log.warn("Event batch of {} not stored, refusing it to its senders: {}", all.size(), e.getMessage());
            batch.forEach(s -> s.done().completeExceptionally(e));
            return;
        } catch (RuntimeException e) {
            // One bad event must not sink its neighbours: store each submission's events one by one.
            writeIndividually(batch);
            return;
        }
        complete(batch, inserted);
        bus.delivered(inserted);
    }

    private void writeIndividually(List<Submission> batch) {
        for (Submission s : batch) {
            List<JsonNode> mine = new ArrayList<>();
            RuntimeException failure = null;
            for (JsonNode e : s.events()) {
                try {
                    mine.addAll(insertRetrying(List.of(e)));
                } catch (StorageUnavailableException unavailable) {
                    failure = unavailable;
                    break;
                } catch (RuntimeException bad) {
                    log.warn("Refusing event {} that cannot be stored: {}", e.path("id").asText(), bad.getMessage());
                    failure = new UnstorableEventException("Event " + e.path("id").asText() + " cannot be stored");
                }
            }
            bus.delivered(mine);
            if (failure != null) {
                s.done().completeExceptionally(failure);
            } else {
                s.done().complete(mine);
            }
        }
    }

    private static void complete(List<Submission> batch, List<JsonNode> inserted) {
        Set<UUID> fresh = new HashSet<>();
        inserted.forEach(e -> fresh.add(ReceivedEvents.id(e)));
        for (Submission s : batch) {
            s.done().complete(s.events().stream().filter(e -> fresh.contains(ReceivedEvents.id(e))).toList());
        }
    }

    /** Stops taking events and drains what is queued before returning. */
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
