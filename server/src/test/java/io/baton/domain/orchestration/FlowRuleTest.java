package io.baton.domain.orchestration;

import io.baton.domain.orchestration.common.PreventPendingTransitions;
import io.baton.domain.orchestration.common.SchedulingRules.CopyScheduledTime;
import io.baton.domain.orchestration.concurrency.DeploymentConcurrencyRules.*;
import io.baton.domain.orchestration.flow.FlowTransitionGuards.*;
import io.baton.domain.orchestration.flow.PauseRules.HandlePausingFlows;
import io.baton.domain.orchestration.flow.RetryFailedFlows;
import io.baton.domain.orchestration.port.CollisionStrategy;
import io.baton.domain.orchestration.port.DeploymentConcurrency;
import io.baton.domain.orchestration.port.LeaseHolder;
import io.baton.domain.run.FlowRun;
import io.baton.domain.run.FlowRunPolicy;
import io.baton.domain.state.State;
import io.baton.domain.state.StateDetails;
import io.baton.domain.state.StateType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.baton.domain.orchestration.Fixtures.*;
import static io.baton.domain.state.StateType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flow rules one at a time (plus the global transforms the engine always appends). */
class FlowRuleTest {
    private final FakePorts fake = new FakePorts();

    private OrchestrationOutcome<FlowRun> run(Policy<FlowRun> policy, FlowRun run, State initial, State proposed,
                                              ClientInfo client) {
        return fake.engine().orchestrateFlowRun(run, initial, proposed, policy, client);
    }

    private State now(StateType type) {
        return state(type, fake.clock.instant().plusMillis(1));
    }

    private State earlier(StateType type) {
        return state(type, fake.clock.instant().minusSeconds(1));
    }

    @ParameterizedTest(name = "terminal {0} -> {1}: {2}")
    @CsvSource({
            "COMPLETED,CANCELLING,ABORT", "FAILED,PAUSED,ABORT", "CANCELLED,CRASHED,ABORT",
            "FAILED,RUNNING,ACCEPT", "CRASHED,PENDING,ACCEPT", "FAILED,SCHEDULED,ABORT"})
    void handleFlowTerminalStateTransitions(StateType from, StateType to, SetStateStatus expected) {
        var out = run(only(HandleFlowTerminalStateTransitions::new), flowRun(), earlier(from), now(to), CLIENT_383);
        assertThat(out.result().status()).isEqualTo(expected);
    }

    @Test
    void terminalRescheduleWithDeploymentMarksRescheduleRetry() {
        FlowRun run = flowRun().withDeploymentId(UUID.randomUUID());
        var out = run(only(HandleFlowTerminalStateTransitions::new), run, earlier(FAILED), now(SCHEDULED), CLIENT_383);
        assertThat(out.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(out.run().empiricalPolicy().retryType()).isEqualTo(io.baton.domain.run.RetryType.RESCHEDULE);
    }

    @Test
    void terminalPolicyResetIsUndoneWhenALaterRuleChangesTheTransition() {
        FlowRun run = flowRun().withEmpiricalPolicy(new FlowRunPolicy(null, null, java.util.Set.of("k"), true,
                null, 0, 0));
        State completed = new State(UUID.randomUUID(), CANCELLED, null, fake.clock.instant().minusSeconds(1), null,
                null, null);
        // PreventPending aborts CANCELLED -> PENDING after the terminal rule reset the policy: cleanup restores it.
        var out = run(only(HandleFlowTerminalStateTransitions::new, PreventPendingTransitions<FlowRun>::new), run,
                completed, now(PENDING), CLIENT_383);
        assertThat(out.result().status()).isEqualTo(SetStateStatus.ABORT);
        assertThat(out.run().empiricalPolicy()).isEqualTo(run.empiricalPolicy());
    }

    @Test
    void preventResultDataLossAllowsPersistedReplacement() {
        State done = State.create(COMPLETED, null, fake.clock.instant().minusSeconds(1), null, persistedResult(), null);
        State replacement = State.create(COMPLETED, null, fake.clock.instant(), null, persistedResult(), null);
        assertThat(run(only(PreventResultDataLoss::new), flowRun(), done, replacement, CLIENT_383).result().status())
                .isEqualTo(SetStateStatus.ACCEPT);
    }

    @Test
    void rejectToNothingWithoutCurrentStateIsAnError() {
        State late = State.create(SCHEDULED, "Late", fake.clock.instant(), null, null, null);
        assertThatThrownBy(() -> run(only(EnsureOnlyScheduledFlowsMarkedLate::new), flowRun(), null, late, CLIENT_383))
                .isInstanceOf(OrchestrationException.class);
    }

    @ParameterizedTest(name = "{0}/{1} -> CANCELLING with pid={2}: {3}")
    @CsvSource({
            "SCHEDULED,Scheduled,,REJECT", "SCHEDULED,Scheduled,1234,ACCEPT", "SCHEDULED,Resuming,1234,REJECT"})
    void bypassCancellingFlowRunsWithNoInfra(StateType from, String name, String pid, SetStateStatus expected) {
        FlowRun run = flowRun().withInfrastructurePid(pid);
        var out = run(only(BypassCancellingFlowRunsWithNoInfra::new), run,
                state(from, name, fake.clock.instant().minusSeconds(1)), now(CANCELLING), CLIENT_383);
        assertThat(out.result().status()).isEqualTo(expected);
        if (expected == SetStateStatus.REJECT) {
            assertThat(out.result().state().type()).isEqualTo(CANCELLED);
        }
    }

    @Test
    void bypassCancellingSuspendedRun() {
        State suspended = state(PAUSED, fake.clock.instant().minusSeconds(1),
                StateDetails.DEFAULT.withPause(null, true, "k"));
        var out = run(only(BypassCancellingFlowRunsWithNoInfra::new), flowRun(), suspended, now(CANCELLING), CLIENT_383);
        assertThat(out.result().state().type()).isEqualTo(CANCELLED);
    }

    @ParameterizedTest(name = "{0} -> PAUSED: {1}")
    @CsvSource({"RUNNING,ACCEPT", "PENDING,REJECT", "SCHEDULED,REJECT"})
    void handlePausingFlows(StateType from, SetStateStatus expected) {
        var out = run(only(HandlePausingFlows::new), flowRun(), earlier(from), now(PAUSED), CLIENT_383);
        assertThat(out.result().status()).isEqualTo(expected);
    }

    @Test
    void suspendingASubflowOrARunWithoutDeploymentAborts() {
        State suspend = state(PAUSED, fake.clock.instant(), StateDetails.DEFAULT.withPause(null, true, "k"));
        var noDeployment = run(only(HandlePausingFlows::new), flowRun(), earlier(RUNNING), suspend, CLIENT_383);
        assertThat(noDeployment.result().details())
                .isEqualTo(new ResponseDetails.Abort("Cannot pause flows without a deployment."));
        var subflow = run(only(HandlePausingFlows::new), flowRun().withParentTaskRunId(UUID.randomUUID()),
                earlier(RUNNING), suspend, CLIENT_383);
        assertThat(subflow.result().details()).isEqualTo(new ResponseDetails.Abort("Cannot pause subflows."));
    }

    @Test
    void copyScheduledTimeOnlyFillsMissingTime() {
        var scheduled = earlier(SCHEDULED);
        var out = run(only(CopyScheduledTime<FlowRun>::new), flowRun(), scheduled, now(PENDING), CLIENT_383);
        assertThat(out.persistedState().details().scheduledTime()).isEqualTo(scheduled.details().scheduledTime());
    }

    @Test
    void retryFailedFlowsAcceptsWhenRetriesAreUsedUp() {
        FlowRun run = flowRun().withEmpiricalPolicy(FlowRunPolicy.of(1, 0));
        run = run.withBookkeeping(run.bookkeeping().withRunCount(2));
        var out = run(only(RetryFailedFlows::new), run, earlier(RUNNING), now(FAILED), CLIENT_383);
        assertThat(out.result().status()).isEqualTo(SetStateStatus.ACCEPT);
    }

    @Test
    void secureFlowConcurrencySlotsFizzlesAndGivesTheSlotBack() {
        UUID deployment = UUID.randomUUID();
        var limit = fake.addLimit("deployment:" + deployment, 2, 0);
        fake.deployments.put(deployment, new DeploymentConcurrency(deployment, limit, CollisionStrategy.ENQUEUE, 60));
        FlowRun run = flowRun().withDeploymentId(deployment);
        // A later rule (the pending guard in a made-up order) aborts after the slot was taken.
        var out = run(only(SecureFlowConcurrencySlots::new, PreventPendingTransitions<FlowRun>::new), run,
                earlier(CANCELLED), now(PENDING), CLIENT_383);
        assertThat(out.result().status()).isEqualTo(SetStateStatus.ABORT);
        assertThat(fake.limit(limit.name()).activeSlots()).isZero();
        assertThat(fake.leases).isEmpty();
        assertThat(fake.log).containsExactly("acquire 1", "lease-create 60", "release 1", "lease-revoke");
    }

    @ParameterizedTest(name = "client {0}: zero limit / missing deployment")
    @CsvSource({"3.8.3", "3.0.4"})
    void secureFlowConcurrencySlotsAbortsOnMissingDeploymentOrZeroLimit(String version) {
        FlowRun run = flowRun().withDeploymentId(UUID.randomUUID());
        var missing = run(only(SecureFlowConcurrencySlots::new), run, earlier(SCHEDULED), now(PENDING),
                ClientInfo.of(version));
        assertThat(missing.result().details()).isEqualTo(new ResponseDetails.Abort("Deployment not found."));
        var zero = fake.addLimit("deployment:" + run.deploymentId(), 0, 0);
        fake.deployments.put(run.deploymentId(), new DeploymentConcurrency(run.deploymentId(), zero, null, null));
        var deadlock = run(only(SecureFlowConcurrencySlots::new), run, earlier(SCHEDULED), now(PENDING),
                ClientInfo.of(version));
        assertThat(deadlock.result().status()).isEqualTo(SetStateStatus.ABORT);
    }

    @Test
    void selfManagingClientsSkipDeploymentSlots() {
        FlowRun run = flowRun().withDeploymentId(UUID.randomUUID());
        var out = run(only(SecureFlowConcurrencySlots::new), run, earlier(SCHEDULED), now(PENDING),
                ClientInfo.of("3.0.2"));
        assertThat(out.result().status()).isEqualTo(SetStateStatus.ACCEPT);
    }

    @Test
    void validateAtRunningRenewsOrReacquiresOrCancels() {
        UUID deployment = UUID.randomUUID();
        var limit = fake.addLimit("deployment:" + deployment, 1, 1);
        fake.deployments.put(deployment, new DeploymentConcurrency(deployment, limit, null, null));
        FlowRun run = flowRun().withDeploymentId(deployment);
        var lease = fake.createLease(List.of(limit.id()), Duration.ofSeconds(300), 1, null);
        State pending = state(PENDING, fake.clock.instant().minusSeconds(1),
                StateDetails.DEFAULT.withDeploymentConcurrencyLeaseId(lease.id()));

        var renewed = run(only(ValidateDeploymentConcurrencyAtRunning::new), run, pending, now(RUNNING), CLIENT_383);
        assertThat(renewed.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(renewed.persistedState().details().deploymentConcurrencyLeaseId()).isEqualTo(lease.id());

        fake.leases.clear();
        var lost = run(only(ValidateDeploymentConcurrencyAtRunning::new), run, pending, now(RUNNING), CLIENT_383);
        assertThat(lost.result().state().type()).isEqualTo(CANCELLED);

        fake.limits.put(limit.name(), new io.baton.domain.orchestration.port.ConcurrencyLimit(limit.id(),
                limit.name(), 1, true, 0, 2.0));
        var reacquired = run(only(ValidateDeploymentConcurrencyAtRunning::new), run, pending, now(RUNNING), CLIENT_383);
        UUID fresh = reacquired.persistedState().details().deploymentConcurrencyLeaseId();
        assertThat(fresh).isNotEqualTo(lease.id());
        assertThat(fake.leases.get(fresh).holder()).isEqualTo(LeaseHolder.flowRun(run.id()));
    }

    @Test
    void oldClientsLoseTheLeaseRecordAtRunning() {
        UUID leaseId = UUID.randomUUID();
        State pending = state(PENDING, fake.clock.instant().minusSeconds(1),
                StateDetails.DEFAULT.withDeploymentConcurrencyLeaseId(leaseId));
        run(only(RemoveDeploymentConcurrencyLeaseForOldClientVersions::new), flowRun(), pending, now(RUNNING),
                ClientInfo.of("3.4.10"));
        assertThat(fake.log).containsExactly("lease-revoke");
        fake.log.clear();
        run(only(RemoveDeploymentConcurrencyLeaseForOldClientVersions::new), flowRun(), pending, now(RUNNING),
                CLIENT_383);
        assertThat(fake.log).isEmpty();
    }

    @Test
    void lateCancelNewAtLimitCancels() {
        UUID deployment = UUID.randomUUID();
        var limit = fake.addLimit("deployment:" + deployment, 1, 1);
        fake.deployments.put(deployment, new DeploymentConcurrency(deployment, limit, CollisionStrategy.CANCEL_NEW, null));
        State late = State.create(SCHEDULED, "Late", fake.clock.instant(), null, null, null);
        var out = run(only(EnforceDeploymentConcurrencyOnLate::new), flowRun().withDeploymentId(deployment),
                earlier(SCHEDULED), late, CLIENT_383);
        assertThat(out.result().state().type()).isEqualTo(CANCELLED);
    }

    @Test
    void leaseIdSurvivesExplicitNull() {
        UUID leaseId = UUID.randomUUID();
        State pending = state(PENDING, fake.clock.instant().minusSeconds(1),
                StateDetails.DEFAULT.withDeploymentConcurrencyLeaseId(leaseId));
        var out = run(only(PreserveDeploymentConcurrencyLeaseId::new), flowRun(), pending, now(FAILED), CLIENT_383);
        assertThat(out.persistedState().details().deploymentConcurrencyLeaseId()).isEqualTo(leaseId);
    }
}
