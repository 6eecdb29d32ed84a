package io.baton.domain.run;

import java.util.UUID;

/** The flow_run columns orchestration reads or writes. */
public record FlowRun(UUID id, UUID flowId, UUID deploymentId, UUID parentTaskRunId, String infrastructurePid,
                      FlowRunPolicy empiricalPolicy, RunBookkeeping bookkeeping) implements Run {

    public FlowRun {
        if (empiricalPolicy == null) {
            empiricalPolicy = FlowRunPolicy.DEFAULT;
        }
        if (bookkeeping == null) {
            bookkeeping = RunBookkeeping.EMPTY;
        }
    }

    public int runCount() {
        return bookkeeping.runCount();
    }

    @Override
    public FlowRun withBookkeeping(RunBookkeeping v) {
        return new FlowRun(id, flowId, deploymentId, parentTaskRunId, infrastructurePid, empiricalPolicy, v);
    }

    public FlowRun withEmpiricalPolicy(FlowRunPolicy v) {
        return new FlowRun(id, flowId, deploymentId, parentTaskRunId, infrastructurePid, v, bookkeeping);
    }

    public FlowRun withDeploymentId(UUID v) {
        return new FlowRun(id, flowId, v, parentTaskRunId, infrastructurePid, empiricalPolicy, bookkeeping);
    }

    public FlowRun withParentTaskRunId(UUID v) {
        return new FlowRun(id, flowId, deploymentId, v, infrastructurePid, empiricalPolicy, bookkeeping);
    }

    public FlowRun withInfrastructurePid(String v) {
        return new FlowRun(id, flowId, deploymentId, parentTaskRunId, v, empiricalPolicy, bookkeeping);
    }
}
