package io.baton.tasks;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The background-task workers connected to this server, by client id, with the task keys they serve; with
 * replicas, also those connected to the others (announced through {@link #announceTo}).
 */
public final class TaskWorkers {

    public record TaskWorker(String identifier, List<String> taskKeys, Instant timestamp) {}

    /** Where workers connecting to or leaving this server are announced. */
    public interface Announcements {
        void observed(TaskWorker worker);

        void forgotten(String identifier);

        Announcements NONE = new Announcements() {
            @Override
            public void observed(TaskWorker worker) {
            }

            @Override
            public void forgotten(String identifier) {
            }
        };
    }

    private final Map<String, TaskWorker> workers = new ConcurrentHashMap<>();
    private volatile Announcements elsewhere = Announcements.NONE;

    public void announceTo(Announcements others) {
        this.elsewhere = others == null ? Announcements.NONE : others;
    }

    public void observe(String identifier, Collection<String> taskKeys, Instant now) {
        TaskWorker worker = new TaskWorker(identifier, List.copyOf(taskKeys), now);
        workers.put(identifier, worker);
        elsewhere.observed(worker);
    }

    public void forget(String identifier) {
        workers.remove(identifier);
        elsewhere.forgotten(identifier);
    }

    /** A worker connected to another replica. */
    public void observedElsewhere(TaskWorker worker) {
        workers.put(worker.identifier(), worker);
    }

    /** A worker left another replica. */
    public void forgottenElsewhere(String identifier) {
        workers.remove(identifier);
    }

    /** Workers serving any of {@code taskKeys}; every worker when none are given. */
    public List<TaskWorker> serving(Collection<String> taskKeys) {
        Set<String> wanted = Set.copyOf(taskKeys);
        return workers.values().stream()
                .filter(w -> wanted.isEmpty() || w.taskKeys().stream().anyMatch(wanted::contains))
                .sorted(java.util.Comparator.comparing(TaskWorker::identifier))
                .toList();
    }
}
