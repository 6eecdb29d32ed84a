package io.baton.domain.run;

import java.util.UUID;

/** What orchestration needs from any run: its id and the shared bookkeeping columns. */
public sealed interface Run permits FlowRun, TaskRun {
    UUID id();

    RunBookkeeping bookkeeping();

    Run withBookkeeping(RunBookkeeping bookkeeping);
}
