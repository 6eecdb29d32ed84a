package io.baton.loadtool.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PathTemplatesTest {

    @ParameterizedTest
    @CsvSource({
            "/api/flow_runs/be622f03-5fe7-4a5d-b6a0-6b472454e91e/set_state, /flow_runs/{id}/set_state",
            "/api/flow_runs/, /flow_runs/",
            "/api/flow_runs/filter, /flow_runs/filter",
            "/api/flows/0f9c74a6-027f-4caf-992b-68b594a14b85, /flows/{id}",
            "/api/csrf-token?client=46b0b6b1-d32d-4b6a-981b-b36074ee5420, /csrf-token",
            "/api/work_pools/poll-pool/get_scheduled_flow_runs, /work_pools/{name}/get_scheduled_flow_runs",
            "/api/work_pools/filter, /work_pools/filter",
            "/api/work_pools/, /work_pools/",
            "/api/work_pools/p1/queues/q1, /work_pools/{name}/queues/{queue}",
            "/api/work_pools/p1/queues/filter, /work_pools/{name}/queues/filter",
            "/api/work_pools/p1/workers/heartbeat, /work_pools/{name}/workers/heartbeat",
            "/api/deployments/8A4CA96C-6EDD-4F07-AFB6-5DCB55630801/create_flow_run/bulk, /deployments/{id}/create_flow_run/bulk",
            "/api/deployments/name/my-flow/my-deployment, /deployments/name/{name}/{name}",
            "/api/flows/name/hello, /flows/name/{name}",
            "/api/variables/name/v1, /variables/name/{name}",
            "/api/block_types/slug/secret, /block_types/slug/{slug}",
            "/api/ui/task_runs/dashboard/counts, /ui/task_runs/dashboard/counts",
            "/api/events/filter/next, /events/filter/next",
    })
    void replacesIdsAndNames(String path, String template) {
        assertThat(PathTemplates.template("/api", path)).isEqualTo(template);
    }

    @ParameterizedTest
    @CsvSource({
            "'', /flow_runs/1/set_state, /flow_runs/{n}/set_state",
            "/, /health, /health",
            "/prefix/api, /prefix/api/flows/, /flows/",
            "/api, /api, /",
    })
    void handlesBasePaths(String base, String path, String template) {
        assertThat(PathTemplates.template(base, path)).isEqualTo(template);
    }
}
