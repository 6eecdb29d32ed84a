package io.baton.domain.orchestration.port;

import java.util.UUID;

/** Who holds a lease: {@code type} is flow_run, task_run or deployment. */
public record LeaseHolder(String type, UUID id) {
    public static LeaseHolder flowRun(UUID id) {
        return new LeaseHolder("flow_run", id);
    }

    public static LeaseHolder taskRun(UUID id) {
        return new LeaseHolder("task_run", id);
    }
}
