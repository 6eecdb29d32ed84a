package io.baton.domain.orchestration;

import io.baton.domain.orchestration.port.FlowRunLookup.ParentFlowRun;
import io.baton.domain.run.TaskRun;
import io.baton.domain.run.TaskRunPolicy;
import io.baton.domain.state.State;
import io.baton.domain.state.StateCreate;
import io.baton.domain.state.StateDetails;
import io.baton.domain.state.StateType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.baton.domain.orchestration.Fixtures.*;
import static io.baton.domain.state.StateType.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Task runs through CoreTaskPolicy / MinimalTaskPolicy / BackgroundTaskPolicy + global task transforms. */
class TaskRunSequenceTest {
    private FakePorts fake;
    private UUID flowRunId;
    private TaskRun run;
    private State current;

    @BeforeEach
    void setUp() {
        fake = new FakePorts();
        flowRunId = UUID.randomUUID();
        fake.flowRuns.put(flowRunId, new ParentFlowRun(flowRunId, state(RUNNING, FakePorts.T0), 1));
        run = taskRun(flowRunId);
    }

    private OrchestrationOutcome<TaskRun> propose(StateCreate proposal, boolean force) {
        var outcome = fake.engine().setTaskRunState(run, current, proposal, force, CLIENT_383);
        run = outcome.run();
        if (outcome.persistedState() != null) {
            current = outcome.persistedState();
        }
        fake.clock.advance(Duration.ofMillis(1));
        return outcome;
    }

    private OrchestrationOutcome<TaskRun> propose(StateCreate proposal) {
        return propose(proposal, false);
    }

    @Test
    void retriesFollowTheDelayListAndRenameRetrying() {
        run = run.withEmpiricalPolicy(new TaskRunPolicy(2, json("[3, 7]"), null, 0, 0));
        propose(Fixtures.propose(PENDING), true);
        propose(Fixtures.propose(RUNNING));
        assertThat(run.runCount()).isEqualTo(1);
        assertThat(run.flowRunRunCount()).isEqualTo(1);

        Instant failedAt = fake.clock.instant();
        var first = propose(Fixtures.propose(FAILED));
        assertThat(first.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(first.result().state().name()).isEqualTo("AwaitingRetry");
        assertThat(first.result().state().details().scheduledTime()).isEqualTo(failedAt.plusSeconds(3));
        assertThat(first.result().state().details().taskRunId()).isEqualTo(run.id());
        assertThat(first.result().state().details().flowRunId()).isEqualTo(flowRunId);

        fake.clock.advance(Duration.ofSeconds(3));
        var retrying = propose(Fixtures.propose(RUNNING));
        assertThat(retrying.result().state().name()).isEqualTo("Retrying");
        assertThat(run.runCount()).isEqualTo(2);

        Instant secondFailure = fake.clock.instant();
        var second = propose(Fixtures.propose(FAILED));
        assertThat(second.result().state().details().scheduledTime()).isEqualTo(secondFailure.plusSeconds(7));
        fake.clock.advance(Duration.ofSeconds(7));
        propose(Fixtures.propose(RUNNING));
        var last = propose(Fixtures.propose(FAILED));
        assertThat(last.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(run.bookkeeping().stateType()).isEqualTo(FAILED);
    }

    @Test
    void nonRetriableFailureIsFinal() {
        run = run.withEmpiricalPolicy(new TaskRunPolicy(3, null, null, 0, 0));
        propose(Fixtures.propose(PENDING), true);
        propose(Fixtures.propose(RUNNING));
        var failed = propose(Fixtures.propose(FAILED).withDetails(StateDetails.DEFAULT.withRetriable(false)));
        assertThat(failed.result().status()).isEqualTo(SetStateStatus.ACCEPT);
    }

    @Test
    void completedWithCacheKeyIsInsertedAndLaterRetrieved() {
        StateDetails cached = StateDetails.DEFAULT.withCache("key-1", null);
        propose(Fixtures.propose(PENDING), true);
        propose(Fixtures.propose(RUNNING));
        var done = propose(new StateCreate(COMPLETED, null, null, persistedResult(), cached));
        assertThat(done.effects(SideEffect.InsertTaskRunStateCache.class)).containsExactly(
                new SideEffect.InsertTaskRunStateCache("key-1", null, done.persistedState().id()));
        fake.cache.put("key-1", done.persistedState());

        run = taskRun(flowRunId);
        current = null;
        propose(Fixtures.propose(PENDING), true);
        var hit = propose(new StateCreate(RUNNING, null, null, null, cached));
        assertThat(hit.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(hit.result().details()).isEqualTo(new ResponseDetails.Reject("Retrieved state from cache"));
        assertThat(hit.result().state().type()).isEqualTo(COMPLETED);
        assertThat(hit.result().state().name()).isEqualTo("Cached");
        assertThat(hit.result().state().id()).isNotEqualTo(done.persistedState().id());
        assertThat(hit.result().state().data()).isEqualTo(persistedResult());
        assertThat(run.runCount()).isZero();

        run = taskRun(flowRunId);
        current = null;
        propose(Fixtures.propose(PENDING), true);
        var refreshed = propose(new StateCreate(RUNNING, null, null, null, cached.withRefreshCache(true)));
        assertThat(refreshed.result().status()).isEqualTo(SetStateStatus.ACCEPT);
    }

    @Test
    void tooLongCacheKeyIsRejectedWithTheProposedStateItself() {
        fake.settings = new io.baton.domain.orchestration.port.OrchestrationSettings(Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(300), 5);
        propose(Fixtures.propose(PENDING), true);
        propose(Fixtures.propose(RUNNING));
        var done = propose(new StateCreate(COMPLETED, null, null, null, StateDetails.DEFAULT.withCache("toolong", null)));
        assertThat(done.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(done.result().state().type()).isEqualTo(COMPLETED);
        assertThat(done.wroteState()).isTrue();
        assertThat(done.effects(SideEffect.InsertTaskRunStateCache.class)).isEmpty();
    }

    @Test
    void tasksWaitForPausedFlowAndAbortForStoppedFlow() {
        fake.flowRuns.put(flowRunId, new ParentFlowRun(flowRunId, state(PAUSED, FakePorts.T0,
                StateDetails.DEFAULT.withPause(FakePorts.T0.plusSeconds(60), false, "k")), 1));
        propose(Fixtures.propose(PENDING), true);
        var notReady = propose(Fixtures.propose(RUNNING));
        assertThat(notReady.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(notReady.result().state().type()).isEqualTo(PAUSED);
        assertThat(notReady.result().state().name()).isEqualTo("NotReady");
        assertThat(notReady.result().state().details().pauseTimeout()).isEqualTo(FakePorts.T0.plusSeconds(60));

        fake.flowRuns.put(flowRunId, new ParentFlowRun(flowRunId, state(COMPLETED, FakePorts.T0), 1));
        var aborted = propose(Fixtures.propose(RUNNING));
        assertThat(aborted.result().status()).isEqualTo(SetStateStatus.ABORT);
    }

    @Test
    void tagConcurrencyTakesAndReleasesSlotsOrWaits() {
        var limit = fake.addLimit("tag:db", 1, 0);
        run = taskRun(flowRunId, "db");
        propose(Fixtures.propose(PENDING), true);
        var running = propose(Fixtures.propose(RUNNING));
        assertThat(running.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(fake.limit("tag:db").activeSlots()).isEqualTo(1);

        TaskRun other = taskRun(flowRunId, "db");
        var otherPending = fake.engine().setTaskRunState(other, null, Fixtures.propose(PENDING), true, CLIENT_383);
        var blocked = fake.engine().setTaskRunState(otherPending.run(), otherPending.persistedState(),
                Fixtures.propose(RUNNING), false, CLIENT_383);
        assertThat(blocked.result().status()).isEqualTo(SetStateStatus.WAIT);
        assertThat(((ResponseDetails.Wait) blocked.result().details()).delaySeconds()).isBetween(0L, 3L);

        propose(Fixtures.propose(COMPLETED));
        assertThat(fake.limit(limit.name()).activeSlots()).isZero();
        assertThat(fake.leases).isEmpty();
    }

    @Test
    void zeroTagLimitAborts() {
        fake.addLimit("tag:x", 0, 0);
        run = taskRun(flowRunId, "x");
        propose(Fixtures.propose(PENDING), true);
        assertThat(propose(Fixtures.propose(RUNNING)).result().status()).isEqualTo(SetStateStatus.ABORT);
    }

    @Test
    void terminalTaskRerunResetsRunCountAndCompletedWithResultIsKept() {
        propose(Fixtures.propose(PENDING), true);
        propose(Fixtures.propose(RUNNING));
        propose(Fixtures.propose(FAILED));
        var rerun = propose(Fixtures.propose(RUNNING));
        assertThat(rerun.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(run.runCount()).isEqualTo(1);
        propose(Fixtures.propose(COMPLETED).withData(persistedResult()));
        var again = propose(Fixtures.propose(RUNNING));
        assertThat(again.result().status()).isEqualTo(SetStateStatus.REJECT);
        assertThat(again.result().details()).isEqualTo(new ResponseDetails.Reject("This run is already completed."));
        assertThat(propose(Fixtures.propose(CRASHED)).result().status()).isEqualTo(SetStateStatus.ABORT);
    }

    @Test
    void deferredTaskUsesBackgroundPolicyAndIsEnqueued() {
        run = taskRun(null);
        var scheduled = propose(new StateCreate(SCHEDULED, null, null, null,
                StateDetails.DEFAULT.withDeferred(true).withTaskParametersId(UUID.randomUUID())), true);
        assertThat(scheduled.effects(SideEffect.EnqueueDeferredTask.class)).containsExactly(
                new SideEffect.EnqueueDeferredTask(run.id(), "task-key", false));
        var pending = propose(new StateCreate(PENDING, null, null, null, StateDetails.DEFAULT.withDeferred(true)));
        assertThat(pending.result().state().details().taskParametersId())
                .isEqualTo(scheduled.persistedState().details().taskParametersId());
        var duplicate = propose(new StateCreate(PENDING, null, null, null, StateDetails.DEFAULT.withDeferred(true)));
        assertThat(duplicate.result().status()).isEqualTo(SetStateStatus.ABORT);
    }

    @Test
    void subflowParentTaskIsForcedThroughTheTaskEngine() {
        FlowHarness subflow = new FlowHarness(fake, flowRun().withParentTaskRunId(run.id()));
        var running = subflow.force(Fixtures.propose(PENDING));
        var update = running.effects(SideEffect.UpdateSubflowParentTask.class).get(0);
        var parent = fake.engine().propagateToParentTask(run, null, update);
        assertThat(parent.result().status()).isEqualTo(SetStateStatus.ACCEPT);
        assertThat(parent.persistedState().details().childFlowRunId()).isEqualTo(subflow.run.id());
        assertThat(parent.persistedState().details().taskRunId()).isEqualTo(run.id());
        assertThat(parent.persistedState().details().flowRunId()).isEqualTo(flowRunId);
        assertThat(parent.run().bookkeeping().stateType()).isEqualTo(StateType.PENDING);
    }
}
