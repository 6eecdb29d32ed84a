package io.baton.cluster;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas of one PostgreSQL database talking through LISTEN/NOTIFY on one channel. Two connections of its
 * own, outside the pool: a listener (LISTEN needs a session of its own, so it cannot go through a
 * transaction-mode PgBouncer) and a sender. The sender thread takes whatever is waiting, packs it into one packet
 * ({@link Framing}) and sends it with one statement; PostgreSQL delivers a transaction's notifications together,
 * in order, after its commit, and every listener gets each once. Messages from this replica are ignored by its
 * own listener (its subscribers were served in process).
 */
public final class PostgresClusterBus implements ClusterBus {

    /** Opens a plain JDBC connection to the database (not from the pool). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    static final String CHANNEL = "baton_cluster";
    private static final Logger log = LoggerFactory.getLogger(PostgresClusterBus.class);
    /** Messages waiting to be sent; beyond this the oldest news is not worth the memory. */
    static final int MAX_QUEUED = 200_000;
    /** Characters per packet: big enough to batch a burst, small enough to keep one statement quick. */
    static final int MAX_PACKET_CHARS = 4 * 1024 * 1024;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private final ConnectionSource connections;
    private final String node = UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Framing.Message> outgoing = new LinkedBlockingQueue<>();
    private final Map<String, Framing.Reassembly> senders = new ConcurrentHashMap<>();
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread sender;
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Connection listening;
    private final java.util.concurrent.CountDownLatch listenerReady = new java.util.concurrent.CountDownLatch(1);

    public PostgresClusterBus(ConnectionSource connections) {
        this.connections = connections;
        this.sender = Thread.ofPlatform().name("baton-cluster-sender").daemon(true).unstarted(this::sendLoop);
        this.listener = Thread.ofPlatform().name("baton-cluster-listener").daemon(true).unstarted(this::listenLoop);
    }

    /** Starts both threads and waits (briefly) until this replica listens, so nothing sent after is missed. */
    public PostgresClusterBus start() {
        listener.start();
        sender.start();
        try {
            if (!listenerReady.await(10, TimeUnit.SECONDS)) {
                log.warn("Cluster listener not connected yet; messages from other replicas wait for it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    /** This replica's name in its messages. */
    public String node() {
        return node;
    }

    @Override
    public void publish(String topic, String message) {
        if (!running) {
            return;
        }
        if (outgoing.size() >= MAX_QUEUED) {
            if (dropped.incrementAndGet() % 10_000 == 1) {
                log.warn("Cluster send queue full; {} messages not relayed so far", dropped.get());
            }
            return;
        }
        outgoing.add(new Framing.Message(topic, message));
    }

    @Override
    public void subscribe(String topic, Consumer<String> handler) {
        handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
    }

    @Override
    public boolean distributed() {
        return true;
    }

    private void sendLoop() {
        Connection connection = null;
        List<Framing.Message> batch = new ArrayList<>();
        while (running || !outgoing.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Framing.Message first = outgoing.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    int chars = first.body().length();
                    Framing.Message next;
                    while (chars < MAX_PACKET_CHARS && (next = outgoing.poll()) != null) {
                        batch.add(next);
                        chars += next.body().length();
                    }
                }
                if (connection == null || connection.isClosed()) {
                    connection = connections.open();
                    connection.setAutoCommit(true);
                }
                send(connection, batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (SQLException | RuntimeException e) {
                log.warn("Cluster send failed ({}); retrying", e.getMessage());
                closeQuietly(connection);
                connection = null;
                if (!running) {
                    break;
                }
                pause();
            }
        }
        closeQuietly(connection);
    }

    private void send(Connection connection, List<Framing.Message> batch) throws SQLException {
        List<String> payloads = Framing.encode(node, packets.incrementAndGet(), batch);
        // One statement, one transaction: the pieces arrive together and in array order.
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT pg_notify('" + CHANNEL + "', piece) FROM unnest(?::text[]) AS piece")) {
            Array array = connection.createArrayOf("text", payloads.toArray());
            st.setArray(1, array);
            st.execute();
        }
    }

    private void listenLoop() {
        while (running) {
            Connection connection = null;
            try {
                connection = connections.open();
                connection.setAutoCommit(true);
                try (Statement st = connection.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                listening = connection;
                listenerReady.countDown();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications(500);
                    if (received != null) {
                        for (PGNotification n : received) {
                            receive(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Cluster listener lost its connection ({}); reconnecting", e.getMessage());
                    pause();
                }
            } finally {
                listening = null;
                closeQuietly(connection);
            }
        }
    }

    private void receive(String payload) {
        Framing.Piece piece;
        try {
            piece = Framing.piece(payload);
        } catch (RuntimeException e) {
            log.debug("Ignoring a foreign notification on {}", CHANNEL);
            return;
        }
        if (piece.node().equals(node)) {
            return;
        }
        Framing.Reassembly reassembly = senders.computeIfAbsent(piece.node(), n -> new Framing.Reassembly());
        long missedBefore = reassembly.missed();
        List<Framing.Message> messages;
        try {
            messages = reassembly.accept(piece);
        } catch (RuntimeException e) {
            log.warn("Unreadable cluster packet from {}: {}", piece.node(), e.getMessage());
            return;
        }
        if (reassembly.missed() > missedBefore) {
            log.warn("Missed {} cluster packets from replica {}", reassembly.missed() - missedBefore, piece.node());
        }
        if (messages == null) {
            return;
        }
        for (Framing.Message m : messages) {
            for (Consumer<String> h : handlers.getOrDefault(m.topic(), List.of())) {
                try {
                    h.accept(m.body());
                } catch (RuntimeException e) {
                    log.warn("Cluster message handler for {} failed", m.topic(), e);
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }

    /** Sends what is queued, then stops both threads and closes their connections. */
    @Override
    public void close() {
        running = false;
        try {
            sender.join(Duration.ofSeconds(10));
            listener.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
