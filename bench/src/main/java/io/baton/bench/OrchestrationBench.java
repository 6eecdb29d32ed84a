package io.baton.bench;

import io.baton.domain.orchestration.OrchestrationEngine;
import io.baton.domain.orchestration.OrchestrationOutcome;
import io.baton.domain.orchestration.SetStateStatus;
import io.baton.domain.run.FlowRun;
import io.baton.domain.run.TaskRun;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One orchestration decision through the domain engine, as {@code RunOrchestration} asks for it inside the
 * set_state transaction (policy rules entered, proposal validated, rules exited), with in-memory ports.
 * Building the engine is part of each call, as the JDBC layer builds one per transaction.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class OrchestrationBench {

    private LifecycleInputs in;
    private InMemoryPorts runningPorts;
    private InMemoryPorts completedPorts;
    private InMemoryPorts createdPorts;

    @Setup
    public void setUp() {
        in = new LifecycleInputs();
        createdPorts = in.portsAt(LifecycleInputs.CREATED);
        runningPorts = in.portsAt(LifecycleInputs.RUNNING_AT);
        completedPorts = in.portsAt(LifecycleInputs.COMPLETED_AT);
        // Each benchmark must measure the accepted transition the lifecycle load makes, not a refusal.
        for (OrchestrationOutcome<?> outcome : List.of(flowRunCreatePending(), flowRunPendingToRunning(),
                flowRunRunningToCompleted(), taskRunPendingToRunning())) {
            if (outcome.result().status() != SetStateStatus.ACCEPT || outcome.persistedState() == null) {
                throw new IllegalStateException("not an accepted transition: " + outcome.result());
            }
        }
    }

    /** {@code POST /flow_runs/}: the initial PENDING, forced (MinimalFlowPolicy). */
    @Benchmark
    public OrchestrationOutcome<FlowRun> flowRunCreatePending() {
        return createdPorts.engine().setFlowRunState(in.newRun, null, in.proposePending, true, LifecycleInputs.CLIENT);
    }

    /** {@code set_state} RUNNING on a PENDING flow run (CoreFlowPolicy). */
    @Benchmark
    public OrchestrationOutcome<FlowRun> flowRunPendingToRunning() {
        OrchestrationEngine engine = runningPorts.engine();
        return engine.setFlowRunState(in.created.run(), in.created.persistedState(), in.proposeRunning, false,
                LifecycleInputs.CLIENT);
    }

    /** {@code set_state} COMPLETED on a RUNNING flow run (CoreFlowPolicy). */
    @Benchmark
    public OrchestrationOutcome<FlowRun> flowRunRunningToCompleted() {
        OrchestrationEngine engine = completedPorts.engine();
        return engine.setFlowRunState(in.running.run(), in.running.persistedState(), in.proposeCompleted, false,
                LifecycleInputs.CLIENT);
    }

    /** Task run {@code set_state} RUNNING on a PENDING task run of a RUNNING flow run (CoreTaskPolicy). */
    @Benchmark
    public OrchestrationOutcome<TaskRun> taskRunPendingToRunning() {
        OrchestrationEngine engine = completedPorts.engine();
        return engine.setTaskRunState(in.pendingTask, in.taskPending, in.proposeTaskRunning, false,
                LifecycleInputs.CLIENT);
    }
}
