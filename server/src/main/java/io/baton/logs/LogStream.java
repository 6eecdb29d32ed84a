package io.baton.logs;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Fans newly written logs out to live subscribers ({@code /logs/out}), each with its own filter. Nothing is
 * delivered unless both streaming settings are on. No backfill: subscribers see logs written after they
 * subscribed.
 */
public final class LogStream {

    /** One subscriber: its filter and where matching logs go (must not block). */
    public record Subscription(LogFilter filter, Consumer<LogRecord> sink) {}

    private final LogStreamSettings settings;
    private final Set<Subscription> subscribers = new CopyOnWriteArraySet<>();

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

    /** Called after logs were committed. */
    public void published(List<LogRecord> logs) {
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
