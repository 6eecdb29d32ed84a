package io.baton.storage.jdbc.filter;

import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.TEXT;
import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.UUID;

import io.baton.domain.filter.Criterion;
import io.baton.storage.jdbc.tables.ArtifactTables.ArtifactTable;
import io.baton.storage.jdbc.tables.DeploymentTable;
import io.baton.storage.jdbc.tables.FlowRunTable;
import io.baton.storage.jdbc.tables.FlowTable;
import io.baton.storage.jdbc.tables.TaskRunTable;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Artifacts and artifact collections as filter targets; both can be filtered by the flow run, task run,
 * flow or deployment that produced them.
 */
public final class ArtifactFilterTargets {

    private ArtifactFilterTargets() {}

    public static final String ARTIFACT = "artifact";

    /** Request-body keys of artifact filters ({@code artifacts} means the artifact or collection itself). */
    public static final Map<String, String> BODY_KEYS = Map.of(
            "artifacts", ARTIFACT,
            "flow_runs", FilterTargets.FLOW_RUN,
            "task_runs", FilterTargets.TASK_RUN,
            "flows", FilterTargets.FLOW,
            "deployments", FilterTargets.DEPLOYMENT);

    /** {@code collection} adds {@code latest_id}, which only the collection table has. */
    public static FilterTarget artifact(ArtifactTable a, boolean collection) {
        return new SimpleTarget() {
            {
                column("id", a.ID, UUID);
                column("key", a.KEY, TEXT);
                column("type", a.TYPE, TEXT);
                column("flow_run_id", a.FLOW_RUN_ID, UUID);
                column("task_run_id", a.TASK_RUN_ID, UUID);
                if (collection) {
                    column("latest_id", a.LATEST_ID, UUID);
                }
            }

            @Override
            public Condition related(String relation, Criterion criterion, FilterCompiler c) {
                return switch (relation) {
                    case FilterTargets.FLOW_RUN -> {
                        FlowRunTable fr = new FlowRunTable(c.alias("flow_run"));
                        yield DSL.exists(DSL.selectOne().from(fr.table())
                                .where(fr.ID.eq(a.FLOW_RUN_ID)).and(c.compile(criterion, FilterTargets.flowRun(fr))));
                    }
                    case FilterTargets.TASK_RUN -> {
                        TaskRunTable tr = new TaskRunTable(c.alias("task_run"));
                        yield DSL.exists(DSL.selectOne().from(tr.table())
                                .where(tr.ID.eq(a.TASK_RUN_ID)).and(c.compile(criterion, FilterTargets.taskRun(tr))));
                    }
                    case FilterTargets.FLOW -> {
                        FlowRunTable fr = new FlowRunTable(c.alias("flow_run"));
                        FlowTable f = new FlowTable(c.alias("flow"));
                        yield DSL.exists(DSL.selectOne().from(fr.table()).join(f.table()).on(f.ID.eq(fr.FLOW_ID))
                                .where(fr.ID.eq(a.FLOW_RUN_ID)).and(c.compile(criterion, FilterTargets.flow(f))));
                    }
                    case FilterTargets.DEPLOYMENT -> {
                        FlowRunTable fr = new FlowRunTable(c.alias("flow_run"));
                        DeploymentTable d = new DeploymentTable(c.alias("deployment"));
                        yield DSL.exists(DSL.selectOne().from(fr.table()).join(d.table()).on(d.ID.eq(fr.DEPLOYMENT_ID))
                                .where(fr.ID.eq(a.FLOW_RUN_ID)).and(c.compile(criterion, FilterTargets.deployment(d))));
                    }
                    default -> super.related(relation, criterion, c);
                };
            }
        };
    }
}
