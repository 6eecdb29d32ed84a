package io.baton.domain.automation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * An action of a fired automation waiting to run. {@code firing} holds what the action needs after the firing
 * committed: the automation as it was, the triggering event, the {@code prefect.automation.triggered} event's
 * id, the triggering labels and the invocation id.
 */
public record PendingAction(UUID id, UUID automationId, int actionIndex, JsonNode action, JsonNode firing) {}
