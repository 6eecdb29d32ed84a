package io.baton.domain.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.domain.Ids;
import io.baton.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The events the server emits about its own objects (Prefect's Event JSON), as Prefect's server shapes them:
 * lifecycle events ({@code prefect.<kind>.created/updated/deleted}) carrying the object's post-state as payload,
 * and the status events of work pools, work queues and deployments. Pure: the caller passes what the event
 * names and stores it in the transaction of the change.
 */
public final class ServerEvents {

    private ServerEvents() {}

    /** A work pool as related resources and status events name it. */
    public record Pool(UUID id, String name, String type) {}

    /** A work queue as related resources name it. */
    public record Queue(UUID id, String name) {}

    /** A flow as related resources name it. */
    public record Flow(UUID id, String name) {}

    public enum Action {
        CREATED, UPDATED, DELETED;

        String wire() {
            return name().toLowerCase();
        }
    }

    public static ObjectNode flow(Action action, UUID id, String name, List<String> tags, JsonNode labels,
                                  Instant occurred) {
        ObjectNode payload = Json.object();
        payload.put("name", name);
        payload.set("tags", strings(tags));
        payload.set("labels", labels == null || labels.isNull() ? Json.object() : labels);
        return lifecycle("flow", action, "prefect.flow." + id, name, payload, Json.array(), occurred);
    }

    public static ObjectNode variable(Action action, UUID id, String name, JsonNode value, List<String> tags,
                                      Instant occurred) {
        ObjectNode payload = Json.object();
        payload.put("name", name);
        payload.set("value", value == null ? Json.NODES.nullNode() : value);
        payload.set("tags", strings(tags));
        return lifecycle("variable", action, "prefect.variable." + id, name, payload, Json.array(), occurred);
    }

    /** A global (v2) concurrency limit: its configuration, not its slot accounting. */
    public static ObjectNode globalConcurrencyLimit(Action action, UUID id, String name, int limit, boolean active,
                                                    double slotDecayPerSecond, Instant occurred) {
        ObjectNode payload = Json.object();
        payload.put("name", name);
        payload.put("limit", limit);
        payload.put("active", active);
        payload.put("slot_decay_per_second", slotDecayPerSecond);
        return lifecycle("concurrency-limit", action, "prefect.concurrency-limit." + id, name, payload,
                Json.array(), occurred);
    }

    /** An artifact collection (the latest artifact of a key); the latest artifact and its runs are related. */
    public static ObjectNode artifactCollection(Action action, UUID id, String key, String type, JsonNode data,
                                                String description, UUID latestId, UUID flowRunId, UUID taskRunId,
                                                Instant occurred) {
        ArrayNode related = Json.array();
        related.add(related("prefect.artifact." + latestId, "latest", null));
        if (flowRunId != null) {
            related.add(related("prefect.flow-run." + flowRunId, "flow-run", null));
        }
        if (taskRunId != null) {
            related.add(related("prefect.task-run." + taskRunId, "task-run", null));
        }
        ObjectNode payload = Json.object();
        payload.put("key", key);
        payload.put("type", type);
        payload.set("data", data == null ? Json.NODES.nullNode() : data);
        payload.put("description", description);
        return lifecycle("artifact-collection", action, "prefect.artifact-collection." + id, key, payload, related,
                occurred);
    }

    /**
     * A block document: its name, the string values of its data that are not secret, and its schema's
     * capabilities and block type.
     */
    public static ObjectNode blockDocument(Action action, UUID id, String name, JsonNode data,
                                           List<String> secretFields, List<String> capabilities, UUID blockTypeId,
                                           String blockTypeName, UUID blockSchemaId, Instant occurred) {
        ObjectNode visible = Json.object();
        if (data != null && data.isObject()) {
            data.properties().forEach(field -> {
                if (field.getValue().isTextual() && !secretFields.contains(field.getKey())) {
                    visible.set(field.getKey(), field.getValue());
                }
            });
        }
        ObjectNode payload = Json.object();
        payload.put("name", name);
        payload.set("data", visible);
        ObjectNode schema = payload.putObject("block_schema");
        schema.set("capabilities", strings(capabilities));
        ObjectNode type = schema.putObject("block_type");
        type.put("id", blockTypeId.toString());
        type.put("name", blockTypeName == null ? "" : blockTypeName);
        ArrayNode related = Json.array();
        ObjectNode typeResource = related("prefect.block-type." + blockTypeId, "block-type", null);
        if (blockTypeName != null && !blockTypeName.isEmpty()) {
            typeResource.put("prefect.resource.name", blockTypeName);
        }
        related.add(typeResource);
        related.add(related("prefect.block-schema." + blockSchemaId, "block-schema", null));
        return lifecycle("block-document", action, "prefect.block-document." + id, name, payload, related, occurred);
    }

    /** A new work pool names its default queue. */
    public static ObjectNode workPoolCreated(Pool pool, UUID defaultQueueId, Instant occurred) {
        ObjectNode event = base("prefect.work-pool.created", poolResource(pool).put("prefect.resource.role", "work-pool"),
                occurred, Ids.uuid7(occurred));
        ArrayNode related = event.putArray("related");
        if (defaultQueueId != null) {
            related.add(related("prefect.work-queue." + defaultQueueId, "default-queue", null));
        }
        event.putObject("payload");
        return event;
    }

    /** A work pool's status changed ({@code READY}, {@code NOT_READY}, {@code PAUSED}). */
    public static ObjectNode workPoolStatus(Pool pool, String status, UUID eventId, UUID follows, Instant occurred) {
        ObjectNode event = base("prefect.work-pool." + kebab(status), poolResource(pool), occurred, eventId);
        event.putArray("related");
        event.putObject("payload");
        if (follows != null) {
            event.put("follows", follows.toString());
        }
        return event;
    }

    public static ObjectNode workQueueCreated(Queue queue, Pool pool, Instant occurred) {
        return workQueueEvent("prefect.work-queue.created", queue, pool, occurred);
    }

    /** A work queue's status changed ({@code READY}, {@code NOT_READY}, {@code PAUSED}). */
    public static ObjectNode workQueueStatus(Queue queue, Pool pool, String status, Instant occurred) {
        return workQueueEvent("prefect.work-queue." + kebab(status), queue, pool, occurred);
    }

    /** {@code prefect.deployment.created/updated/deleted}; {@code payload} empty except for updates. */
    public static ObjectNode deployment(Action action, UUID id, String name, Flow flow, Queue queue, Pool pool,
                                        ObjectNode payload, Instant occurred) {
        return deploymentEvent("prefect.deployment." + action.wire(), id, name, flow, queue, pool, payload, occurred);
    }

    /** A deployment's status changed ({@code READY}, {@code NOT_READY}). */
    public static ObjectNode deploymentStatus(UUID id, String name, Flow flow, Queue queue, Pool pool, String status,
                                              Instant occurred) {
        return deploymentEvent("prefect.deployment." + kebab(status), id, name, flow, queue, pool, Json.object(),
                occurred);
    }

    /**
     * The payload of an {@code updated} event: the fields whose values differ between the object's JSON before and
     * after the change (bookkeeping fields left out), each with both values; a null reads {@code "None"}, as
     * Prefect writes it.
     */
    public static ObjectNode updates(JsonNode before, JsonNode after, java.util.Set<String> ignored) {
        ObjectNode payload = Json.object();
        ArrayNode names = payload.putArray("updated_fields");
        ObjectNode updates = payload.putObject("updates");
        after.properties().forEach(field -> {
            String name = field.getKey();
            JsonNode from = before.get(name);
            JsonNode to = field.getValue();
            if (ignored.contains(name) || to.equals(from)) {
                return;
            }
            names.add(name);
            ObjectNode change = updates.putObject(name);
            change.set("from", from == null || from.isNull() ? Json.NODES.textNode("None") : from);
            change.set("to", to.isNull() ? Json.NODES.textNode("None") : to);
        });
        return payload;
    }

    private static ObjectNode deploymentEvent(String name, UUID id, String deploymentName, Flow flow, Queue queue,
                                              Pool pool, ObjectNode payload, Instant occurred) {
        ObjectNode resource = Json.object();
        resource.put("prefect.resource.id", "prefect.deployment." + id);
        resource.put("prefect.resource.name", deploymentName);
        ObjectNode event = base(name, resource, occurred, Ids.uuid7(occurred));
        ArrayNode related = event.putArray("related");
        if (flow != null) {
            related.add(related("prefect.flow." + flow.id(), "flow", flow.name()));
        }
        if (queue != null) {
            related.add(related("prefect.work-queue." + queue.id(), "work-queue", queue.name()));
        }
        if (pool != null) {
            related.add(poolResource(pool).put("prefect.resource.role", "work-pool"));
        }
        event.set("payload", payload == null ? Json.object() : payload);
        return event;
    }

    private static ObjectNode workQueueEvent(String name, Queue queue, Pool pool, Instant occurred) {
        ObjectNode resource = Json.object();
        resource.put("prefect.resource.id", "prefect.work-queue." + queue.id());
        resource.put("prefect.resource.name", queue.name());
        resource.put("prefect.resource.role", "work-queue");
        ObjectNode event = base(name, resource, occurred, Ids.uuid7(occurred));
        ArrayNode related = event.putArray("related");
        if (pool != null) {
            related.add(poolResource(pool).put("prefect.resource.role", "work-pool"));
        }
        event.putObject("payload");
        return event;
    }

    private static ObjectNode lifecycle(String kind, Action action, String resourceId, String resourceName,
                                        ObjectNode payload, ArrayNode related, Instant occurred) {
        ObjectNode resource = Json.object();
        resource.put("prefect.resource.id", resourceId);
        if (resourceName != null) {
            resource.put("prefect.resource.name", resourceName);
        }
        ObjectNode event = base("prefect." + kind + "." + action.wire(), resource, occurred, Ids.uuid7(occurred));
        event.set("related", related);
        event.set("payload", payload);
        return event;
    }

    private static ObjectNode base(String name, ObjectNode resource, Instant occurred, UUID id) {
        ObjectNode event = Json.object();
        event.put("occurred", Json.timestamp(occurred));
        event.put("event", name);
        event.set("resource", resource);
        event.put("id", id.toString());
        event.putNull("follows");
        return event;
    }

    private static ObjectNode poolResource(Pool pool) {
        ObjectNode o = Json.object();
        o.put("prefect.resource.id", "prefect.work-pool." + pool.id());
        o.put("prefect.resource.name", pool.name());
        o.put("prefect.work-pool.type", pool.type());
        return o;
    }

    /** A related resource: its id, its role, and its name when it has one. */
    public static ObjectNode related(String id, String role, String name) {
        ObjectNode o = Json.object();
        o.put("prefect.resource.id", id);
        o.put("prefect.resource.role", role);
        if (name != null) {
            o.put("prefect.resource.name", name);
        }
        return o;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = Json.array();
        if (values != null) {
            values.forEach(a::add);
        }
        return a;
    }

    /** {@code NOT_READY} -> {@code not-ready}. */
    static String kebab(String status) {
        return status.toLowerCase().replace('_', '-');
    }
}
