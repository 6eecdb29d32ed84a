package io.baton.services;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The deployment-related periodic services enabled by the settings. */
public final class SchedulingServices {

    private SchedulingServices() {}

    public static List<PeriodicJob> enabled(ServiceSettings s, DeploymentScheduler scheduler,
            io.baton.storage.SchedulerStore schedulerStore, io.baton.storage.WorkerStore workers, Clock clock) {
        List<PeriodicJob> out = new ArrayList<>();
        if (s.schedulerEnabled()) {
            out.add(scheduler.service(s.schedulerLoop()));
            out.add(scheduler.recentService(s.recentDeploymentsLoop()));
        }
        if (s.lateRunsEnabled()) {
            out.add(new LateRunsService(schedulerStore, s.lateRunsLoop(), s.lateRunsAfter(), clock));
        }
        if (s.foremanEnabled()) {
            out.add(new ForemanService(workers, s.foremanLoop(), s.deploymentLastPolledTimeout(),
                    s.workQueueLastPolledTimeout()));
        }
        return out;
    }
}
