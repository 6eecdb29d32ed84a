package io.baton.logs;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Fans newly written logs out to live subscribers ({@code /logs/out}), each with its own filter. Nothing is
 * delivered unless both streaming settings are on. No backfill: subscribers see logs written after they
 * subscribed. With replicas, logs written here are also handed to {@link #announceTo}'s target and logs
 * written through other replicas arrive through {@link #publishedElsewhere}.
 */
public final class LogStream {

    /** One subscriber: its filter and where matching logs go (must not block). */
    public record Subscription(LogFilter filter, Consumer<LogRecord> sink) {}

    private final LogStreamSettings settings;
    private final Set<Subscription> subscribers = new CopyOnWriteArraySet<>();
    private volatile Consumer<List<LogRecord>> elsewhere = logs -> { };

    public LogStream(LogStreamSettings settings) {
        this.settings = settings;
    }

    public Subscription subscribe(LogFilter filter, Consumer<LogRecord> sink) {
        Subscription s = new Subscription(filter, sink);
        subscribers.add(s);
        return s;
    }

    public void unsubscribe(Subscription s) {
        subscribers.remove(s);
    }

    /** Where logs written here are announced to the other replicas (when publishing is on). */
    public void announceTo(Consumer<List<LogRecord>> others) {
        this.elsewhere = others == null ? logs -> { } : others;
    }

    public LogStreamSettings settings() {
        return settings;
    }

    /** Called after logs were committed. */
    public void published(List<LogRecord> logs) {
        if (settings.publishingEnabled()) {
            elsewhere.accept(logs);
        }
        publishedElsewhere(logs);
    }

    /** Logs committed through another replica. */
    public void publishedElsewhere(List<LogRecord> logs) {
        if (!settings.delivers() || subscribers.isEmpty()) {
            return;
        }
        for (Subscription s : subscribers) {
            for (LogRecord log : logs) {
                if (s.filter().matches(log)) {
                    s.sink().accept(log);
                }
            }
        }
    }
}
