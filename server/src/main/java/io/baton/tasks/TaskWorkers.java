package io.baton.tasks;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The background-task workers connected to this server, by client id, with the task keys they serve. */
public final class TaskWorkers {

    public record TaskWorker(String identifier, List<String> taskKeys, Instant timestamp) {}

    private final Map<String, TaskWorker> workers = new ConcurrentHashMap<>();

    public void observe(String identifier, Collection<String> taskKeys, Instant now) {
        workers.put(identifier, new TaskWorker(identifier, List.copyOf(taskKeys), now));
    }

    public void forget(String identifier) {
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
