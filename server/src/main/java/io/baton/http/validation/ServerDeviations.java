package io.baton.http.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Where Prefect's server accepts requests its published schema would refuse. The schema file stays
 * verbatim; these adjustments are applied to the parsed document before validators are compiled.
 */
final class ServerDeviations {

    private ServerDeviations() {}

    /** Model fields the real server accepts as JSON null (it substitutes a default, e.g. a generated run name). */
    static final List<String[]> NULLABLE_FIELDS = List.of(
            new String[] {"FlowRunCreate", "name"},
            new String[] {"TaskRunCreate", "name"},
            new String[] {"DeploymentFlowRunCreate", "name"});

    /**
     * Fields of older clients, accepted (any value) where 3.8 would refuse them as extra, and ignored by the
     * handlers: 3.0.x clients send {@code max_active_runs} and {@code catchup} inside every deployment schedule
     * (create deployment, {@code .serve()}, create/update schedules).
     */
    static final List<String[]> LEGACY_IGNORED_FIELDS = List.of(
            new String[] {"DeploymentScheduleCreate", "max_active_runs"},
            new String[] {"DeploymentScheduleCreate", "catchup"},
            new String[] {"DeploymentScheduleUpdate", "max_active_runs"},
            new String[] {"DeploymentScheduleUpdate", "catchup"});

    static void apply(JsonNode root) {
        JsonNode schemas = root.path("components").path("schemas");
        for (String[] field : LEGACY_IGNORED_FIELDS) {
            if (schemas.path(field[0]).path("properties") instanceof ObjectNode properties) {
                properties.putObject(field[1]);
            }
        }
        for (String[] field : NULLABLE_FIELDS) {
            JsonNode properties = schemas.path(field[0]).path("properties");
            JsonNode property = properties.path(field[1]);
            if (property instanceof ObjectNode p && p.has("type")) {
                ObjectNode inner = p.objectNode();
                inner.set("type", p.remove("type"));
                ArrayNode anyOf = p.putArray("anyOf");
                anyOf.add(inner);
                anyOf.addObject().put("type", "null");
            }
        }
    }
}
