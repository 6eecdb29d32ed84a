package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.baton.domain.deployment.Deployment;
import io.baton.domain.deployment.ParameterHydration;
import io.baton.domain.variable.Variable;
import io.baton.domain.work.JobVariableCheck;
import io.baton.domain.work.WorkPool;
import io.baton.http.ApiException;
import io.baton.storage.VariableStore;
import io.baton.storage.WorkPoolStore;
import io.baton.templating.JinjaTemplates;
import java.util.Optional;

/**
 * What deployments and the runs made from them are checked and completed with before they are written: job
 * variables against the work pool's base job template, and {@code __prefect_kind} parameters hydrated (JSON,
 * jinja, workspace variables). Failures answer as Prefect's server does.
 */
public final class DeploymentInputs {

    private static final ParameterHydration.Templates JINJA = new JinjaTemplates();

    private final WorkPoolStore pools;
    private final VariableStore variables;

    public DeploymentInputs(WorkPoolStore pools, VariableStore variables) {
        this.pools = pools;
        this.variables = variables;
    }

    /** A created deployment's job variables (a 422; an unknown pool is the store's 404). */
    void checkCreate(String workPoolName, JsonNode jobVariables) {
        if (workPoolName == null || workPoolName.isEmpty() || WorkPool.DEFAULT_AGENT_POOL.equals(workPoolName)) {
            return;
        }
        template(workPoolName).flatMap(t -> JobVariableCheck.forDeployment(t, jobVariables)).ifPresent(reason -> {
            throw ApiException.detail(422, "Error creating deployment: " + reason);
        });
    }

    /** An update naming a work pool: its job variables as a whole configuration of that pool (a 409). */
    void checkUpdate(String workPoolName, JsonNode jobVariables) {
        if (workPoolName == null || workPoolName.isEmpty()) {
            return;
        }
        template(workPoolName).flatMap(t -> JobVariableCheck.configurationViolation(t, jobVariables))
                .ifPresent(reason -> {
                    throw ApiException.detail(409, "Error creating deployment: " + reason);
                });
    }

    /** A run of the deployment: pool defaults, deployment and run variables together, required ones due (a 422). */
    void checkRun(Deployment deployment, JsonNode runJobVariables) {
        checkRun(deployment, runJobVariables, "Error creating flow run");
    }

    /** As {@link #checkRun(Deployment, JsonNode)}, the 422's detail starting with {@code what}. */
    void checkRun(Deployment deployment, JsonNode runJobVariables, String what) {
        if (deployment.workPoolName() == null) {
            return; // e.g. served deployments: no template to check against
        }
        template(deployment.workPoolName())
                .flatMap(t -> JobVariableCheck.forFlowRun(t, deployment.jobVariables(), runJobVariables))
                .ifPresent(reason -> {
                    throw ApiException.detail(422, what + ": " + reason);
                });
    }

    /** The parameters hydrated; a 400 {@code "<what>: <reason>"} when they cannot be. */
    JsonNode hydrate(JsonNode parameters, String what) {
        if (!ParameterHydration.needsHydration(parameters)) {
            return parameters;
        }
        var context = new ParameterHydration.Context(
                name -> variables.readByName(name).map(DeploymentInputs::value), JINJA);
        try {
            return ParameterHydration.hydrate(parameters, context);
        } catch (ParameterHydration.HydrationException e) {
            throw ApiException.detail(400, what + ": " + e.getMessage());
        }
    }

    private static JsonNode value(Variable variable) {
        return variable.value() == null ? NullNode.getInstance() : variable.value();
    }

    private Optional<JsonNode> template(String workPoolName) {
        return pools.read(workPoolName).map(WorkPool::baseJobTemplate);
    }
}
