package io.baton.domain.orchestration.flow;

import io.baton.domain.orchestration.Policy;
import io.baton.domain.orchestration.common.PreventPendingTransitions;
import io.baton.domain.orchestration.common.SchedulingRules.CopyScheduledTime;
import io.baton.domain.orchestration.common.SchedulingRules.WaitForScheduledTime;
import io.baton.domain.orchestration.concurrency.DeploymentConcurrencyRules.EnforceDeploymentConcurrencyOnLate;
import io.baton.domain.orchestration.concurrency.DeploymentConcurrencyRules.PreserveDeploymentConcurrencyLeaseId;
import io.baton.domain.orchestration.concurrency.DeploymentConcurrencyRules.ReleaseFlowConcurrencySlots;
import io.baton.domain.orchestration.concurrency.DeploymentConcurrencyRules.RemoveDeploymentConcurrencyLeaseForOldClientVersions;
import io.baton.domain.orchestration.concurrency.DeploymentConcurrencyRules.SecureFlowConcurrencySlots;
import io.baton.domain.orchestration.concurrency.DeploymentConcurrencyRules.ValidateDeploymentConcurrencyAtRunning;
import io.baton.domain.orchestration.flow.FlowTransitionGuards.BypassCancellingFlowRunsWithNoInfra;
import io.baton.domain.orchestration.flow.FlowTransitionGuards.EnforceCancellingToCancelledTransition;
import io.baton.domain.orchestration.flow.FlowTransitionGuards.EnsureOnlyScheduledFlowsMarkedLate;
import io.baton.domain.orchestration.flow.FlowTransitionGuards.HandleFlowTerminalStateTransitions;
import io.baton.domain.orchestration.flow.FlowTransitionGuards.PreventDuplicateTransitions;
import io.baton.domain.orchestration.flow.FlowTransitionGuards.PreventResultDataLoss;
import io.baton.domain.orchestration.flow.PauseRules.HandlePausingFlows;
import io.baton.domain.orchestration.flow.PauseRules.HandleResumingPausedFlows;
import io.baton.domain.run.FlowRun;

import java.util.List;

/** Flow-run policies; the global flow transforms are appended by the engine. */
public final class FlowPolicies {
    private FlowPolicies() {}

    public static final Policy<FlowRun> CORE = new Policy<>("CoreFlowPolicy", List.of(
            PreserveDeploymentConcurrencyLeaseId::new,
            PreventDuplicateTransitions::new,
            HandleFlowTerminalStateTransitions::new,
            EnforceCancellingToCancelledTransition::new,
            BypassCancellingFlowRunsWithNoInfra::new,
            PreventPendingTransitions<FlowRun>::new,
            ValidateDeploymentConcurrencyAtRunning::new,
            SecureFlowConcurrencySlots::new,
            RemoveDeploymentConcurrencyLeaseForOldClientVersions::new,
            EnsureOnlyScheduledFlowsMarkedLate::new,
            HandlePausingFlows::new,
            HandleResumingPausedFlows::new,
            CopyScheduledTime<FlowRun>::new,
            WaitForScheduledTime<FlowRun>::new,
            RetryFailedFlows::new,
            InstrumentFlowRunStateTransitions::new,
            ReleaseFlowConcurrencySlots::new));

    /** force=true: not a full bypass, results and cancels are still protected. */
    public static final Policy<FlowRun> MINIMAL = new Policy<>("MinimalFlowPolicy", List.of(
            PreventResultDataLoss::new,
            BypassCancellingFlowRunsWithNoInfra::new,
            InstrumentFlowRunStateTransitions::new,
            ReleaseFlowConcurrencySlots::new));

    /** Used by the late-runs service. */
    public static final Policy<FlowRun> MARK_LATE = new Policy<>("MarkLateRunsPolicy", List.of(
            EnsureOnlyScheduledFlowsMarkedLate::new,
            EnforceDeploymentConcurrencyOnLate::new,
            InstrumentFlowRunStateTransitions::new));

    public static Policy<FlowRun> forSetState(boolean force) {
        return force ? MINIMAL : CORE;
    }
}
