package io.baton.http.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Times;
import io.baton.domain.run.TaskRunRecord;
import io.baton.storage.DeferredTaskStore;
import io.baton.tasks.DeliveryClaims;
import io.baton.tasks.TaskQueues;
import io.baton.tasks.TaskWorkers;
import io.javalin.websocket.WsContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /task_runs/subscriptions/scheduled}: background task workers receive deferred task runs. After the
 * handshake the client sends {@code {"type":"subscribe","keys":[task_key...],"client_id":...}}; the server then
 * sends one TaskRun JSON at a time and waits for {@code {"type":"ack"}} before the next ({@code {"type":"quit"}}
 * ends the subscription). Anything else closes the socket with 4001.
 *
 * <p>Runs come from the in-memory queues first and from the database (SCHEDULED deferred runs of the keys) on
 * subscribe and whenever the queues stay empty for a while, so runs enqueued before a restart, dropped from a full
 * queue or scheduled through another replica still arrive. Each run is re-read before it is sent and skipped once
 * it has left SCHEDULED; a run sent but not acknowledged goes back to the retry queue. With replicas, every
 * replica queues every run and a claim in the database ({@link DeliveryClaims}) picks the one that sends it.
 */
public final class TaskRunSubscriptionSocket implements PrefectSocket.Handler {

    private static final Logger log = LoggerFactory.getLogger(TaskRunSubscriptionSocket.class);
    public static final int PROTOCOL_ERROR = 4001;
    static final int CATCH_UP_BATCH = 500;
    static final long IDLE_CATCH_UP_SECONDS = 10;

    private final TaskQueues queues;
    private final TaskWorkers workers;
    private final DeferredTaskStore store;
    private final Function<TaskRunRecord, String> toJson;
    /** Which runs this server may still send, and (with replicas) which replica sends each. */
    private final DeliveryClaims claims;

    public TaskRunSubscriptionSocket(TaskQueues queues, TaskWorkers workers, DeferredTaskStore store,
                                     DeliveryClaims claims, Function<TaskRunRecord, String> toJson) {
        this.queues = queues;
        this.claims = claims;
        this.workers = workers;
        this.store = store;
        this.toJson = toJson;
    }

    @Override
    public PrefectSocket.Connection open(WsContext ctx) {
        return new Subscription(ctx);
    }

    private final class Subscription implements PrefectSocket.Connection {
        private static final String CLOSED = "closed";

        private final WsContext ctx;
        private final Outbox outbox;
        private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        private volatile List<String> keys;
        private volatile String clientId;
        private volatile boolean awaitingAck;
        private volatile boolean done;

        Subscription(WsContext ctx) {
            this.ctx = ctx;
            this.outbox = new Outbox(ctx);
        }

        @Override
        public void onMessage(WsContext ctx, String text) {
            JsonNode message = PrefectSocket.parse(text);
            String type = message == null ? "" : message.path("type").asText();
            if (keys == null) {
                subscribe(message, type);
                return;
            }
            switch (type) {
                case "ack" -> {
                    if (awaitingAck) {
                        replies.add("ack");
                    }
                }
                case "quit" -> {
                    replies.add("quit");
                    ctx.closeSession(1000, "");
                }
                default -> ctx.closeSession(PROTOCOL_ERROR,
                        "Please acknowledge the current run before receiving the next one.");
            }
        }

        private void subscribe(JsonNode message, String type) {
            List<String> wanted = new ArrayList<>();
            boolean valid = "subscribe".equals(type) && message.path("keys").isArray();
            if (valid) {
                for (JsonNode key : message.get("keys")) {
                    valid &= key.isTextual();
                    wanted.add(key.asText());
                }
            }
            if (!valid) {
                ctx.closeSession(PROTOCOL_ERROR, "Protocol violation");
                return;
            }
            JsonNode client = message.get("client_id");
            clientId = client != null && client.isTextual() ? client.asText() : "worker-" + ctx.sessionId();
            keys = List.copyOf(wanted);
            workers.observe(clientId, keys, Times.now());
            Thread.ofVirtual().name("task-subscription-" + clientId).start(this::deliver);
        }

        private void deliver() {
            ArrayDeque<UUID> backlog = new ArrayDeque<>(catchUp());
            try {
                while (!done && outbox.isOpen()) {
                    UUID next = backlog.pollFirst();
                    if (next == null) {
                        next = queues.take(keys, IDLE_CATCH_UP_SECONDS, TimeUnit.SECONDS);
                    }
                    if (next == null) {
                        backlog.addAll(catchUp());
                        continue;
                    }
                    if (!send(next)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Task run delivery to {} stopped", clientId, e);
                ctx.closeSession(1011, "Internal error");
            }
        }

        /** Sends one run and waits for its acknowledgement; false when the subscription ended. */
        private boolean send(UUID id) throws InterruptedException {
            if (!claims.claim(id)) {
                return true;
            }
            TaskRunRecord run;
            try {
                run = store.stillScheduled(id).orElse(null);
            } catch (RuntimeException e) {
                claims.released(id);
                throw e;
            }
            if (run == null) {
                claims.released(id);
                return true;
            }
            awaitingAck = true;
            outbox.send(toJson.apply(run));
            String reply = replies.take();
            awaitingAck = false;
            if ("ack".equals(reply)) {
                claims.acknowledged(id);
                return true;
            }
            claims.released(id);
            queues.retry(id, run.run().taskKey());
            return false;
        }

        private List<UUID> catchUp() {
            return store.scheduled(keys, CATCH_UP_BATCH).stream().map(TaskRunRecord::id)
                    .filter(id -> !claims.known(id))
                    .toList();
        }

        @Override
        public void onClose() {
            done = true;
            outbox.markClosed();
            replies.add(CLOSED);
            if (clientId != null) {
                workers.forget(clientId);
            }
        }
    }
}
