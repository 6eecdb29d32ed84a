package io.baton.domain.work;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.schema.JsonSchemaCheck;
import io.baton.domain.schema.PythonRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Job variables checked against the {@code variables} schema of a work pool's base job template, as Prefect's
 * server checks them: a deployment's variables when it is created (required fields not yet due) and when its
 * pool is named in an update (Prefect's {@code check_valid_configuration}: required fields without a default are
 * due), and the overlay of pool defaults, deployment and run variables when a run is created from a deployment
 * (every required field due, unless a default could not be used). A pool without a variables schema accepts
 * anything.
 */
public final class JobVariableCheck {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JobVariableCheck() {}

    /** Why a new deployment's job variables do not fit the pool, in Prefect's words; empty when they fit. */
    public static Optional<String> forDeployment(JsonNode baseJobTemplate, JsonNode jobVariables) {
        if (jobVariables == null || !jobVariables.isObject() || jobVariables.isEmpty()) {
            return Optional.empty();
        }
        return overlay(baseJobTemplate, true, jobVariables);
    }

    /** Why the variables of a run created from a deployment do not fit the pool; empty when they fit. */
    public static Optional<String> forFlowRun(JsonNode baseJobTemplate, JsonNode deploymentVariables,
            JsonNode runVariables) {
        return overlay(baseJobTemplate, false, deploymentVariables, runVariables);
    }

    /**
     * Prefect's {@code check_valid_configuration}: the deployment's variables alone against the schema, required
     * fields with a default excused; the failure as Python's {@code repr} of jsonschema's error.
     */
    public static Optional<String> configurationViolation(JsonNode baseJobTemplate, JsonNode jobVariables) {
        JsonNode variables = variablesSchema(baseJobTemplate);
        if (variables == null) {
            return Optional.empty();
        }
        ObjectNode schema = variables.deepCopy();
        JsonNode required = schema.get("required");
        JsonNode properties = schema.get("properties");
        if (required instanceof ArrayNode list && properties != null && properties.isObject()) {
            ArrayNode kept = NODES.arrayNode();
            list.forEach(r -> {
                if (!properties.path(r.asText()).has("default")) {
                    kept.add(r);
                }
            });
            schema.set("required", kept);
        }
        JsonNode values = jobVariables == null || jobVariables.isNull() ? NODES.objectNode() : jobVariables;
        JsonSchemaCheck.Result result = check(schema, values);
        if (result.valid()) {
            return Optional.empty();
        }
        return Optional.of("<ValidationError: " + PythonRepr.str(result.failures().getFirst().message()) + ">");
    }

    private static Optional<String> overlay(JsonNode baseJobTemplate, boolean ignoreRequired, JsonNode... layers) {
        JsonNode variables = variablesSchema(baseJobTemplate);
        if (variables == null) {
            return Optional.empty();
        }
        ObjectNode all = NODES.objectNode();
        boolean unusableDefaults = false;
        for (Map.Entry<String, JsonNode> p : variables.path("properties").properties()) {
            JsonNode value = p.getValue().get("default");
            if (value == null) {
                continue;
            }
            if (value.isObject() && value.has("$ref")) {
                unusableDefaults = true; // a block reference: its document is not looked at here
                continue;
            }
            ObjectNode alone = NODES.objectNode();
            alone.set(p.getKey(), value);
            ObjectNode optional = variables.deepCopy();
            removeRequired(optional);
            if (check(optional, alone).valid()) {
                all.set(p.getKey(), value);
            } else {
                unusableDefaults = true;
            }
        }
        for (JsonNode layer : layers) {
            if (layer != null && layer.isObject()) {
                all.setAll((ObjectNode) layer.deepCopy());
            }
        }
        return check(prepared(variables, ignoreRequired || unusableDefaults, true), all).violation();
    }

    private static JsonNode variablesSchema(JsonNode baseJobTemplate) {
        if (baseJobTemplate == null || !baseJobTemplate.isObject()) {
            return null;
        }
        JsonNode variables = baseJobTemplate.get("variables");
        return variables != null && variables.isObject() && !variables.isEmpty() ? variables : null;
    }

    private static JsonSchemaCheck.Result check(JsonNode schema, JsonNode values) {
        try {
            return JsonSchemaCheck.check(schema, values);
        } catch (JsonSchemaCheck.InvalidSchemaException e) {
            return new JsonSchemaCheck.Result(List.of()); // a schema the checker cannot use refuses nothing
        }
    }

    /**
     * The schema as Prefect validates it: optional typed fields also accept null (Pydantic v1 templates omit
     * it; with {@code noneWithDefault} defaulted fields too), and with {@code ignoreRequired} no field is required.
     */
    static JsonNode prepared(JsonNode variables, boolean ignoreRequired, boolean noneWithDefault) {
        ObjectNode schema = variables.deepCopy();
        nullable(schema, noneWithDefault);
        JsonNode definitions = schema.get("definitions");
        if (definitions != null && definitions.isObject()) {
            definitions.forEach(d -> {
                if (d.isObject()) {
                    nullable((ObjectNode) d, noneWithDefault);
                }
            });
        }
        if (ignoreRequired) {
            removeRequired(schema);
        }
        return schema;
    }

    private static void nullable(ObjectNode model, boolean noneWithDefault) {
        JsonNode properties = model.get("properties");
        if (properties == null || !properties.isObject()) {
            return;
        }
        List<String> required = new ArrayList<>();
        model.path("required").forEach(r -> required.add(r.asText()));
        properties.properties().forEach(p -> {
            if (p.getValue() instanceof ObjectNode property && !required.contains(p.getKey())
                    && property.has("type") && !"null".equals(property.get("type").asText())
                    && (!property.has("default") || noneWithDefault)) {
                ArrayNode anyOf = NODES.arrayNode();
                anyOf.addObject().set("type", property.remove("type"));
                anyOf.addObject().put("type", "null");
                property.set("anyOf", anyOf);
            }
        });
    }

    private static void removeRequired(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("required");
        }
        if (node != null && node.isContainerNode()) {
            node.forEach(JobVariableCheck::removeRequired);
        }
    }
}
