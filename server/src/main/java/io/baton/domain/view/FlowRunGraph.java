package io.baton.domain.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.state.StateType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The timeline graph of one flow run ({@code graph-v2}): its task runs and subflow runs as nodes, with edges
 * from the task inputs. An input under {@code __parents__} is an encapsulating task (a task that ran this one
 * inside itself), any other task-run input is an upstream dependency.
 */
public final class FlowRunGraph {

    private FlowRunGraph() {}

    /** The input key naming the tasks that encapsulate a task run. */
    public static final String PARENTS_KEY = "__parents__";

    /** A task run of the flow run, with the subflow run it stands for when it is a subflow's parent task. */
    public record TaskNode(UUID id, String name, StateType stateType, Instant startTime, Instant expectedStartTime,
                           Instant endTime, JsonNode taskInputs, Subflow subflow) {}

    public record Subflow(UUID id, String label, StateType stateType, Instant startTime, Instant expectedStartTime,
                          Instant endTime) {}

    public record Artifact(UUID id, Instant created, String key, String type, boolean isLatest, JsonNode data,
                           UUID taskRunId) {}

    public record GraphState(UUID id, Instant timestamp, StateType type, String name) {}

    public record Node(String kind, UUID id, String label, StateType stateType, Instant startTime, Instant endTime,
                       List<UUID> parents, List<UUID> children, List<UUID> encapsulating, List<Artifact> artifacts) {}

    public record Graph(Instant startTime, Instant endTime, List<UUID> rootNodeIds, List<Node> nodes,
                        List<Artifact> artifacts, List<GraphState> states) {

        public static Graph empty() {
            return new Graph(null, null, List.of(), List.of(), List.of(), List.of());
        }
    }

    /** More nodes than the configured maximum; answered 400. */
    public static final class TooLargeException extends RuntimeException {
        public TooLargeException(UUID flowRunId, int maxNodes) {
            super("The graph of flow run " + flowRunId + " has more than " + maxNodes + " nodes.");
        }
    }

    /**
     * Builds the graph. PENDING task runs and runs without any start time are left out; with {@code since}, so are
     * nodes that ended before it. Edges only join nodes of the graph.
     *
     * @throws TooLargeException when more than {@code maxNodes} nodes remain
     */
    public static Graph build(UUID flowRunId, Instant runStart, Instant runEnd, List<TaskNode> tasks,
                              List<Artifact> artifacts, List<GraphState> states, Instant since, int maxNodes,
                              int maxArtifacts) {
        Map<UUID, TaskNode> byTaskId = new LinkedHashMap<>();
        for (TaskNode t : tasks) {
            if (t.stateType() == StateType.PENDING && t.subflow() == null) {
                continue;
            }
            if (start(t) == null) {
                continue;
            }
            byTaskId.put(t.id(), t);
        }
        // Edges refer to task run ids; a subflow's node carries the subflow run's id instead.
        Map<UUID, UUID> nodeIdOfTask = new HashMap<>();
        byTaskId.values().forEach(t -> nodeIdOfTask.put(t.id(), t.subflow() == null ? t.id() : t.subflow().id()));
        Map<UUID, Set<UUID>> parents = new HashMap<>();
        Map<UUID, Set<UUID>> children = new HashMap<>();
        Map<UUID, Set<UUID>> encapsulating = new HashMap<>();
        for (TaskNode t : byTaskId.values()) {
            UUID self = nodeIdOfTask.get(t.id());
            JsonNode inputs = t.taskInputs();
            if (inputs == null || !inputs.isObject()) {
                continue;
            }
            for (Map.Entry<String, JsonNode> input : inputs.properties()) {
                boolean encapsulated = PARENTS_KEY.equals(input.getKey());
                for (JsonNode argument : input.getValue()) {
                    UUID upstream = taskRunInput(argument);
                    UUID node = upstream == null ? null : nodeIdOfTask.get(upstream);
                    if (node == null || node.equals(self)) {
                        continue;
                    }
                    if (encapsulated) {
                        encapsulating.computeIfAbsent(self, k -> new LinkedHashSet<>()).add(node);
                    } else {
                        parents.computeIfAbsent(self, k -> new LinkedHashSet<>()).add(node);
                        children.computeIfAbsent(node, k -> new LinkedHashSet<>()).add(self);
                    }
                }
            }
        }
        Map<UUID, List<Artifact>> artifactsByTask = new HashMap<>();
        List<Artifact> runArtifacts = new ArrayList<>();
        for (Artifact a : artifacts.stream().limit(maxArtifacts).toList()) {
            if (a.taskRunId() == null) {
                runArtifacts.add(a);
            } else {
                artifactsByTask.computeIfAbsent(a.taskRunId(), k -> new ArrayList<>()).add(a);
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (TaskNode t : byTaskId.values()) {
            Instant end = end(t);
            if (since != null && end != null && end.isBefore(since)) {
                continue;
            }
            UUID id = nodeIdOfTask.get(t.id());
            Subflow s = t.subflow();
            nodes.add(new Node(s == null ? "task-run" : "flow-run", id, s == null ? t.name() : s.label(),
                    s == null ? t.stateType() : s.stateType(), start(t), end,
                    List.copyOf(parents.getOrDefault(id, Set.of())), List.copyOf(children.getOrDefault(id, Set.of())),
                    List.copyOf(encapsulating.getOrDefault(id, Set.of())),
                    artifactsByTask.getOrDefault(t.id(), List.of())));
            if (nodes.size() > maxNodes) {
                throw new TooLargeException(flowRunId, maxNodes);
            }
        }
        nodes.sort(Comparator.comparing(Node::startTime).thenComparing(Node::id));
        List<UUID> roots = nodes.stream().filter(n -> n.parents().isEmpty()).map(Node::id).toList();
        return new Graph(runStart, runEnd, roots, nodes, runArtifacts, states);
    }

    private static UUID taskRunInput(JsonNode argument) {
        if (!"task_run".equals(argument.path("input_type").asText()) || !argument.path("id").isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(argument.get("id").asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant start(TaskNode t) {
        Subflow s = t.subflow();
        if (s != null && (s.startTime() != null || s.expectedStartTime() != null)) {
            return s.startTime() != null ? s.startTime() : s.expectedStartTime();
        }
        return t.startTime() != null ? t.startTime() : t.expectedStartTime();
    }

    /** A completed task without an end time (a cache hit) ends where it was expected to start. */
    private static Instant end(TaskNode t) {
        if (t.subflow() != null && t.subflow().endTime() != null) {
            return t.subflow().endTime();
        }
        if (t.endTime() != null) {
            return t.endTime();
        }
        return t.stateType() == StateType.COMPLETED ? t.expectedStartTime() : null;
    }
}
