package io.baton.app;

import io.baton.services.DbVacuum;
import io.baton.services.DbVacuumSettings;
import io.baton.services.DeploymentScheduler;
import io.baton.services.LeaseRepossessor;
import io.baton.services.PeriodicJob;
import io.baton.services.RunServiceSettings;
import io.baton.services.RunServices;
import io.baton.services.SchedulingServices;
import io.baton.services.ServiceSettings;
import java.util.ArrayList;
import java.util.List;

/** The background services started when services are enabled (not with {@code --no-services}). */
final class Services {

    private Services() {}

    static List<PeriodicJob> all(Settings server, Stores stores) {
        ServiceSettings settings = ServiceSettings.fromEnvironment();
        List<PeriodicJob> services = new ArrayList<>(SchedulingServices.enabled(settings,
                deploymentScheduler(stores, settings), stores.scheduler, stores.workers, stores.clock));
        services.add(new LeaseRepossessor(stores.leases));
        services.addAll(RunServices.enabled(RunServiceSettings.fromEnvironment(), stores.runCleanup,
                stores.cancellingChecks));
        DbVacuumSettings vacuum = server.dbVacuum();
        if (vacuum.eventsEnabled() || vacuum.flowRunsEnabled()) {
            services.add(new DbVacuum(stores.retention, vacuum, stores.clock));
        }
        return services;
    }

    static DeploymentScheduler deploymentScheduler(Stores stores, ServiceSettings services) {
        return new DeploymentScheduler(stores.deployments, stores.scheduler, services.scheduler(),
                services.deploymentBatchSize(), services.insertBatchSize(), stores.clock);
    }
}
