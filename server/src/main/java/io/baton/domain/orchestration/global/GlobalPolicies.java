package io.baton.domain.orchestration.global;

import io.baton.domain.orchestration.OrchestrationRule;
import io.baton.domain.orchestration.global.FlowRunTransforms.EnsureFlowRunStateTimestampIsUnique;
import io.baton.domain.orchestration.global.FlowRunTransforms.IncrementFlowRunCount;
import io.baton.domain.orchestration.global.FlowRunTransforms.RemoveResumingIndicator;
import io.baton.domain.orchestration.global.FlowRunTransforms.UpdateFlowRunStateDetails;
import io.baton.domain.orchestration.global.FlowRunTransforms.UpdateSubflowParentTask;
import io.baton.domain.orchestration.global.FlowRunTransforms.UpdateSubflowStateDetails;
import io.baton.domain.orchestration.global.RunBookkeepingTransforms.IncrementRunTime;
import io.baton.domain.orchestration.global.RunBookkeepingTransforms.SetEndTime;
import io.baton.domain.orchestration.global.RunBookkeepingTransforms.SetExpectedStartTime;
import io.baton.domain.orchestration.global.RunBookkeepingTransforms.SetNextScheduledStartTime;
import io.baton.domain.orchestration.global.RunBookkeepingTransforms.SetRunStateName;
import io.baton.domain.orchestration.global.RunBookkeepingTransforms.SetRunStateTimestamp;
import io.baton.domain.orchestration.global.RunBookkeepingTransforms.SetRunStateType;
import io.baton.domain.orchestration.global.RunBookkeepingTransforms.SetStartTime;
import io.baton.domain.orchestration.global.TaskRunTransforms.IncrementTaskRunCount;
import io.baton.domain.orchestration.global.TaskRunTransforms.UpdateTaskRunStateDetails;
import io.baton.domain.run.FlowRun;
import io.baton.domain.run.TaskRun;

import java.util.List;
import java.util.function.Supplier;

/** The global bookkeeping transforms appended to every policy, forced or not, in order. */
public final class GlobalPolicies {
    private GlobalPolicies() {}

    public static final List<Supplier<? extends OrchestrationRule<FlowRun>>> FLOW = List.of(
            EnsureFlowRunStateTimestampIsUnique::new,
            SetRunStateType::new,
            SetRunStateName::new,
            SetRunStateTimestamp::new,
            SetStartTime::new,
            SetEndTime::new,
            IncrementRunTime::new,
            SetExpectedStartTime::new,
            SetNextScheduledStartTime::new,
            UpdateFlowRunStateDetails::new,
            UpdateSubflowParentTask::new,
            UpdateSubflowStateDetails::new,
            IncrementFlowRunCount::new,
            RemoveResumingIndicator::new);

    public static final List<Supplier<? extends OrchestrationRule<TaskRun>>> TASK = List.of(
            SetRunStateType::new,
            SetRunStateName::new,
            SetRunStateTimestamp::new,
            SetStartTime::new,
            SetEndTime::new,
            IncrementRunTime::new,
            SetExpectedStartTime::new,
            SetNextScheduledStartTime::new,
            UpdateTaskRunStateDetails::new,
            IncrementTaskRunCount::new);
}
