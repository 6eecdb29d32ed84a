package io.baton.domain.orchestration;

import io.baton.domain.orchestration.port.CollisionStrategy;
import io.baton.domain.orchestration.port.ConcurrencyLimit;
import io.baton.domain.orchestration.port.DeploymentConcurrency;
import io.baton.domain.run.FlowRunPolicy;
import io.baton.domain.run.RetryType;
import io.baton.domain.state.State;
import io.baton.domain.state.StateCreate;
import io.baton.domain.state.StateDetails;
import io.baton.domain.state.StateType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.baton.domain.orchestration.Fixtures.*;
import static io.baton.domain.state.StateType.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Whole flow-run lifecycles through CoreFlowPolicy + global transforms, as in the typical sequences. */
class FlowRunSequenceTest {
    private FakePorts fake;
    private FlowHarness h;

    @BeforeEach
    void setUp() {
        fake = new FakePorts();
        h = new FlowHarness(fake, flowRun());
    }

    private void tick(long millis) {
        fake.clock.advance(Duration.ofMillis(millis));
    }

    @Test
    void localFlowPendingRunningCompleted() {
        var pending = h.force(propose(PENDING));
        assertThat(pending.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(pending.httpStatus()).isEqualTo(201);
        tick(100);
        var running = h.propose(propose(RUNNING));
        assertThat(running.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(running.result().state().name()).isEqualTo("Running");
        assertThat(running.result().state().details().flowRunId()).isEqualTo(h.run.id());
        tick(1500);
        var completed = h.propose(propose(COMPLETED).withData(persistedResult()));
        assertThat(completed.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(completed.resultData().needsArtifact()).isTrue();

        var b = h.run.bookkeeping();
        assertThat(b.stateType()).isEqualTo(COMPLETED);
        assertThat(b.stateName()).isEqualTo("Completed");
        assertThat(b.stateId()).isEqualTo(h.current.id());
        assertThat(b.runCount()).isEqualTo(1);
        assertThat(b.expectedStartTime()).isEqualTo(h.history.get(0).timestamp());
        assertThat(b.startTime()).isEqualTo(h.history.get(1).timestamp());
        assertThat(b.endTime()).isEqualTo(h.history.get(2).timestamp());
        assertThat(b.totalRunTime()).isEqualTo(Duration.ofMillis(1500));
        assertThat(completed.effects(SideEffect.EmitFlowRunStateEvent.class)).singleElement()
                .satisfies(e -> {
                    assertThat(e.eventName()).isEqualTo("prefect.flow-run.Completed");
                    assertThat(e.follows()).isEqualTo(h.history.get(1).id());
                });
    }

    @Test
    void failedWithRetriesIsRejectedToAwaitingRetryThenRunsAgain() {
        h.run = h.run.withEmpiricalPolicy(FlowRunPolicy.of(1, 2));
        h.force(propose(PENDING));
        tick(10);
        h.propose(propose(RUNNING));
        tick(1000);
        var failed = h.propose(propose(FAILED).withMessage("boom").withData(persistedResult()));
        assertThat(failed.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(failed.result().details()).isEqualTo(new ResponseDetails.Reject("Retrying"));
        State retry = failed.result().state();
        assertThat(retry.type()).isEqualTo(SCHEDULED);
        assertThat(retry.name()).isEqualTo("AwaitingRetry");
        assertThat(retry.message()).isEqualTo("boom");
        assertThat(retry.data()).isEqualTo(persistedResult());
        assertThat(retry.details().scheduledTime()).isEqualTo(fake.clock.instant().plusSeconds(2));
        assertThat(failed.httpStatus()).isEqualTo(201);
        assertThat(h.run.empiricalPolicy().retryType()).isEqualTo(RetryType.IN_PROCESS);
        assertThat(h.run.bookkeeping().nextScheduledStartTime()).isEqualTo(retry.details().scheduledTime());
        assertThat(h.run.bookkeeping().totalRunTime()).isEqualTo(Duration.ofSeconds(1));

        // Too early: WAIT, then on time: RUNNING with run_count 2.
        var early = h.propose(propose(RUNNING));
        assertThat(early.result().status()).isEqualTo(SetStateStatus.WAIT);
        assertThat(early.result().details()).isEqualTo(new ResponseDetails.Wait(2, "Scheduled time is in the future"));
        tick(2000);
        var again = h.propose(propose(RUNNING));
        assertThat(again.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(h.run.runCount()).isEqualTo(2);
        assertThat(h.run.bookkeeping().nextScheduledStartTime()).isNull();

        var finalFailure = h.propose(propose(FAILED));
        assertThat(finalFailure.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(h.run.empiricalPolicy().retryType()).isNull();
    }

    @ParameterizedTest(name = "{0} ms ahead -> WAIT {1} s")
    @CsvSource({"1499,1", "1500,1", "1501,2", "501,1", "2500,2", "2600,3", "7000,7"})
    void waitRoundsToWholeSecondsAsPrefectDoes(long millisAhead, long expected) {
        Instant at = fake.clock.instant().plusMillis(millisAhead);
        h.force(new StateCreate(SCHEDULED, null, null, null, StateDetails.DEFAULT.withScheduledTime(at)));
        var wait = h.propose(propose(RUNNING));
        assertThat(wait.result().status()).isEqualTo(SetStateStatus.WAIT);
        assertThat(((ResponseDetails.Wait) wait.result().details()).delaySeconds()).isEqualTo(expected);
        assertThat(wait.result().state()).isEqualTo(h.current);
        assertThat(wait.httpStatus()).isEqualTo(200);
        assertThat(wait.persistedState()).isNull();
    }

    /** A runner that prefetches proposes RUNNING a moment early; under half a second to go is no wait. */
    @ParameterizedTest(name = "{0} ms ahead -> ACCEPT")
    @CsvSource({"1", "400", "500"})
    void lessThanHalfASecondAheadIsAccepted(long millisAhead) {
        Instant at = fake.clock.instant().plusMillis(millisAhead);
        h.force(new StateCreate(SCHEDULED, null, null, null, StateDetails.DEFAULT.withScheduledTime(at)));
        var running = h.propose(propose(RUNNING));
        assertThat(running.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(running.httpStatus()).isEqualTo(201);
    }

    @Test
    void pendingGuardAbortsDuplicateSubmissionButAllowsRenamedPending() {
        Instant scheduled = fake.clock.instant().plusSeconds(5);
        h.force(new StateCreate(SCHEDULED, null, null, null, StateDetails.DEFAULT.withScheduledTime(scheduled)));
        var pending = h.propose(propose(PENDING));
        assertThat(pending.result().state().details().scheduledTime()).isEqualTo(scheduled);

        var duplicate = h.propose(propose(PENDING));
        assertThat(duplicate.result().status()).isEqualTo(SetStateStatus.ABORT);
        assertThat(duplicate.result().details()).isEqualTo(new ResponseDetails.Abort(
                "This run is in a PENDING state and cannot transition to a PENDING state."));
        assertThat(duplicate.result().state()).isEqualTo(h.current);

        var submitting = h.propose(propose(PENDING, "Submitting"));
        assertThat(submitting.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(submitting.result().state().name()).isEqualTo("Submitting");
        assertThat(submitting.result().state().details().scheduledTime()).isEqualTo(scheduled);
    }

    @Test
    void renamedPendingKeepsDeploymentLease() {
        UUID lease = UUID.randomUUID();
        h.force(new StateCreate(PENDING, null, null, null,
                StateDetails.DEFAULT.withDeploymentConcurrencyLeaseId(lease)));
        var submitting = h.propose(propose(PENDING, "Submitting"));
        assertThat(submitting.result().state().details().deploymentConcurrencyLeaseId()).isEqualTo(lease);
    }

    @Test
    void cancellingAScheduledRunWithoutInfrastructureCancelsAtOnce() {
        h.force(propose(SCHEDULED));
        var cancel = h.propose(propose(CANCELLING));
        assertThat(cancel.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(cancel.result().details()).isEqualTo(
                new ResponseDetails.Reject("Scheduled flow run has no infrastructure to terminate."));
        assertThat(cancel.result().state().type()).isEqualTo(CANCELLED);
        assertThat(cancel.result().state().name()).isEqualTo("Cancelled");
        assertThat(cancel.result().state().details().flowRunId()).isEqualTo(h.run.id());
        assertThat(cancel.httpStatus()).isEqualTo(201);
        assertThat(h.run.bookkeeping().endTime()).isEqualTo(cancel.result().state().timestamp());
        assertThat(cancel.effects(SideEffect.ScheduleCancellingTimeoutCheck.class)).isEmpty();
    }

    @Test
    void cancellingRunningRunSchedulesTimeoutCheckAndOnlyAcceptsCancelled() {
        h.force(propose(PENDING));
        h.propose(propose(RUNNING));
        var cancelling = h.propose(propose(CANCELLING));
        assertThat(cancelling.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(cancelling.effects(SideEffect.ScheduleCancellingTimeoutCheck.class)).hasSize(1);
        tick(10);
        var completed = h.propose(propose(COMPLETED));
        assertThat(completed.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(completed.result().state().type()).isEqualTo(CANCELLING);
        assertThat(completed.httpStatus()).isEqualTo(200);
        tick(10);
        var cancelled = h.propose(propose(CANCELLED));
        assertThat(cancelled.result().status()).isEqualTo(SetStateStatus.ACCEPT);
    }

    @Test
    void suspendAndResumeKeepsRunCount() {
        h.run = h.run.withDeploymentId(UUID.randomUUID());
        fake.deployments.put(h.run.deploymentId(), DeploymentConcurrency.unlimited(h.run.deploymentId()));
        h.force(propose(PENDING));
        h.propose(propose(RUNNING));
        tick(10);
        var suspend = h.propose(new StateCreate(PAUSED, "Suspended", null, null,
                StateDetails.DEFAULT.withPause(fake.clock.instant().plusSeconds(3600), true, "k1")));
        assertThat(suspend.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(h.run.empiricalPolicy().pauseKeys()).containsExactly("k1");
        tick(10);
        var resuming = h.propose(propose(SCHEDULED, "Resuming"));
        assertThat(resuming.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(h.run.empiricalPolicy().isResuming()).isTrue();
        tick(10);
        h.propose(propose(PENDING));
        tick(10);
        var running = h.propose(propose(RUNNING));
        assertThat(running.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(h.run.runCount()).isEqualTo(1);
        assertThat(h.run.empiricalPolicy().isResuming()).isFalse();
    }

    /**
     * ORCHESTRATION.md 4.2 rule 12 sets {@code resuming} in its after-hook, and section 6 runs IncrementFlowRunCount
     * before any after-hook: the PAUSED -> RUNNING transition of an in-process pause therefore still sees
     * {@code resuming == false} and counts the run (the "run_count not incremented" of 4.3 holds for the suspend
     * path, where the flag set on PAUSED -> SCHEDULED/Resuming is seen by the later PENDING -> RUNNING). The flag
     * set by this transition lingers until the run finishes.
     */
    @Test
    void inProcessPauseAndResumeCountsTheResumedRun() {
        h.force(propose(PENDING));
        h.propose(propose(RUNNING));
        assertThat(h.run.runCount()).isEqualTo(1);
        tick(10);
        var pause = h.propose(new StateCreate(PAUSED, "Paused", null, null,
                StateDetails.DEFAULT.withPause(fake.clock.instant().plusSeconds(3600), false, "p1")));
        assertThat(pause.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        tick(10);
        var resumed = h.propose(propose(RUNNING));
        assertThat(resumed.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(h.run.runCount()).isEqualTo(2);
        assertThat(h.run.empiricalPolicy().isResuming()).isTrue();
        tick(10);
        var completed = h.propose(propose(COMPLETED));
        assertThat(completed.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(h.run.runCount()).isEqualTo(2);
        assertThat(h.run.empiricalPolicy().isResuming()).isFalse();
    }

    @Test
    void samePauseKeyFiresOnce() {
        h.force(propose(PENDING));
        h.propose(propose(RUNNING));
        StateCreate pause = new StateCreate(PAUSED, null, null, null, StateDetails.DEFAULT.withPause(null, false, "k"));
        assertThat(h.propose(pause).result().status()).isEqualTo(SetStateStatus.ACCEPT);
        h.propose(propose(RUNNING));
        var again = h.propose(pause);
        assertThat(again.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(again.result().details()).isEqualTo(new ResponseDetails.Reject("This pause has already fired."));
    }

    @Test
    void duplicateTransitionIdIsRejectedWithoutWriting() {
        h.force(propose(PENDING));
        UUID transition = UUID.randomUUID();
        StateCreate running = new StateCreate(RUNNING, null, null, null,
                StateDetails.DEFAULT.withTransitionId(transition));
        assertThat(h.propose(running).result().status()).isEqualTo(SetStateStatus.ACCEPT);
        var replay = h.propose(running);
        assertThat(replay.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(replay.result().details())
                .isEqualTo(new ResponseDetails.Reject("This run has already made this state transition."));
        assertThat(replay.wroteState()).isFalse();
        assertThat(h.run.runCount()).isEqualTo(1);
    }

    @Test
    void forceStillProtectsPersistedCompletedResult() {
        h.force(propose(PENDING));
        h.propose(propose(RUNNING));
        h.propose(propose(COMPLETED).withData(persistedResult()));
        var overwrite = h.force(propose(COMPLETED).withData(unpersisted()));
        assertThat(overwrite.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(overwrite.wroteState()).isFalse();
        var forcedFailure = h.force(propose(FAILED));
        assertThat(forcedFailure.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        // Final -> final keeps the first end time.
        assertThat(h.run.bookkeeping().endTime()).isEqualTo(h.history.get(2).timestamp());
    }

    @Test
    void timestampCollisionIsBumpedByOneMicrosecond() {
        Instant now = fake.clock.instant();
        fake.takeTimestamp(h.run.id(), now);
        fake.takeTimestamp(h.run.id(), now.plusNanos(1000));
        var pending = h.force(propose(PENDING));
        assertThat(pending.result().state().timestamp()).isEqualTo(now.plusNanos(2000));
        assertThat(h.run.bookkeeping().stateTimestamp()).isEqualTo(now.plusNanos(2000));
    }

    @Test
    void deploymentConcurrencyEnqueueThenCancelNew() {
        UUID deployment = UUID.randomUUID();
        ConcurrencyLimit limit = fake.addLimit("deployment:" + deployment, 1, 0);
        fake.deployments.put(deployment, new DeploymentConcurrency(deployment, limit, CollisionStrategy.ENQUEUE, null));

        FlowHarness first = new FlowHarness(fake, flowRun().withDeploymentId(deployment));
        first.force(propose(SCHEDULED));
        var claimed = first.propose(propose(PENDING));
        assertThat(claimed.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        UUID leaseId = claimed.result().state().details().deploymentConcurrencyLeaseId();
        assertThat(leaseId).isNotNull();
        assertThat(fake.leases.get(leaseId).expiration()).isEqualTo(fake.clock.instant().plusSeconds(300));
        assertThat(fake.limit(limit.name()).activeSlots()).isEqualTo(1);

        FlowHarness second = new FlowHarness(fake, flowRun().withDeploymentId(deployment));
        second.force(propose(SCHEDULED));
        var queued = second.propose(propose(PENDING));
        assertThat(queued.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(queued.result().state().type()).isEqualTo(SCHEDULED);
        assertThat(queued.result().state().name()).isEqualTo("AwaitingConcurrencySlot");
        assertThat(queued.result().state().details().scheduledTime()).isEqualTo(fake.clock.instant().plusSeconds(30));

        fake.deployments.put(deployment, new DeploymentConcurrency(deployment, limit, CollisionStrategy.CANCEL_NEW, null));
        FlowHarness third = new FlowHarness(fake, flowRun().withDeploymentId(deployment));
        third.force(propose(SCHEDULED));
        var cancelled = third.propose(propose(PENDING));
        assertThat(cancelled.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(cancelled.result().state().type()).isEqualTo(CANCELLED);
        assertThat(cancelled.result().state().message()).isEqualTo("Deployment concurrency limit reached.");

        // The first run finishes: its lease and slot are given back.
        first.propose(propose(RUNNING));
        var done = first.propose(propose(COMPLETED));
        assertThat(done.result().state().details().deploymentConcurrencyLeaseId()).isEqualTo(leaseId);
        assertThat(fake.limit(limit.name()).activeSlots()).isZero();
        assertThat(fake.leases).doesNotContainKey(leaseId);
    }

    @Test
    void subflowStatesAreMirroredOntoTheParentTask() {
        UUID parentTask = UUID.randomUUID();
        h.run = h.run.withParentTaskRunId(parentTask);
        var pending = h.force(propose(PENDING));
        assertThat(pending.result().state().details().taskRunId()).isEqualTo(parentTask);
        var update = pending.effects(SideEffect.UpdateSubflowParentTask.class);
        assertThat(update).singleElement().satisfies(u -> {
            assertThat(u.parentTaskRunId()).isEqualTo(parentTask);
            assertThat(u.state().type()).isEqualTo(PENDING);
            assertThat(u.state().id()).isNotEqualTo(pending.persistedState().id());
            assertThat(u.state().details().childFlowRunId()).isEqualTo(h.run.id());
        });
    }

    @Test
    void markLateOnlyAppliesToScheduledRuns() {
        h.force(propose(SCHEDULED));
        var late = h.markLate();
        assertThat(late.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(late.result().state().name()).isEqualTo("Late");
        var again = h.markLate();
        assertThat(again.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(again.wroteState()).isFalse();
    }

    @Test
    void expiredPauseFailsOnResume() {
        h.force(propose(PENDING));
        h.propose(propose(RUNNING));
        h.propose(new StateCreate(PAUSED, null, null, null,
                StateDetails.DEFAULT.withPause(fake.clock.instant().plusSeconds(5), false, "k")));
        tick(6000);
        var resume = h.propose(propose(RUNNING));
        assertThat(resume.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(resume.result().state().type()).isEqualTo(FAILED);
        assertThat(resume.result().state().message()).isEqualTo("The flow was paused and never resumed.");
    }

    @Test
    void resumingFromFailedForRerunResetsPolicy() {
        h.run = h.run.withEmpiricalPolicy(new FlowRunPolicy(null, null, java.util.Set.of("k"), true,
                RetryType.IN_PROCESS, 0, 0));
        h.force(propose(PENDING));
        h.propose(propose(RUNNING));
        h.propose(propose(FAILED));
        var rerun = h.propose(propose(RUNNING));
        assertThat(rerun.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(h.run.empiricalPolicy().pauseKeys()).isEmpty();
        assertThat(h.run.empiricalPolicy().retryType()).isNull();
        assertThat(h.run.bookkeeping().endTime()).isNull();
    }
}
