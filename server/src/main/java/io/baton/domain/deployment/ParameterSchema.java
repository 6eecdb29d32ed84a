package io.baton.domain.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.schema.JsonSchemaCheck;
import java.util.Optional;

/**
 * Parameters checked against a deployment's parameter schema when it enforces one, reported as Prefect words
 * it: the first failure, with the dotted path of the field when there is one.
 */
public final class ParameterSchema {

    private ParameterSchema() {}

    /** Why the parameters do not fit the schema, or empty when they do. */
    public static Optional<String> violation(JsonNode parameters, JsonNode schema) {
        return JsonSchemaCheck.check(schema, parameters).violation();
    }

    /** True when the schema is a circular chain of references (the checker refuses it). */
    public static boolean circular(JsonNode schema) {
        try {
            JsonSchemaCheck.check(schema, com.fasterxml.jackson.databind.node.NullNode.getInstance());
            return false;
        } catch (JsonSchemaCheck.InvalidSchemaException e) {
            return e.getMessage().contains("circular");
        }
    }
}
