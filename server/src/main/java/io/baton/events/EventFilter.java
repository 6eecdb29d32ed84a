package io.baton.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Times;
import io.baton.logs.TextSearch;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Prefect's {@code EventFilter}. Every part present is AND-ed. Unlike the run filters, empty lists do not
 * constrain (clients send {@code "id": {"id": []}} meaning "any id"). {@code occurred} defaults to the start of
 * today minus 180 days .. now. Compiled to SQL by the event store; {@link #matches} serves live streams.
 */
public record EventFilter(
        Instant since,
        Instant until,
        List<String> prefixes,
        List<String> excludePrefixes,
        List<String> names,
        List<String> excludeNames,
        ResourceCriteria resource,
        List<ResourceCriteria> related,
        List<ResourceCriteria> anyResource,
        List<UUID> ids,
        TextSearch text,
        boolean ascending) {

    /** Criteria on one resource: ids, id prefixes, roles (related only), (id, role) pairs, labels. */
    public record ResourceCriteria(List<String> ids, List<String> idPrefixes, List<String> roles,
                                   List<List<String>> resourcesInRoles, LabelSpec labels, boolean distinct) {

        static ResourceCriteria parse(JsonNode n) {
            List<List<String>> pairs = new ArrayList<>();
            n.path("resources_in_roles").forEach(p -> pairs.add(List.of(p.get(0).asText(), p.get(1).asText())));
            return new ResourceCriteria(strings(n.get("id")), strings(n.get("id_prefix")), strings(n.get("role")),
                    List.copyOf(pairs), LabelSpec.parse(n.get("labels")), n.path("distinct").asBoolean(false));
        }

        /** Whether a resource (labels incl. id and, for related ones, role) satisfies the criteria. */
        public boolean matches(JsonNode resource) {
            String id = resource.path("prefect.resource.id").asText();
            String role = resource.path("prefect.resource.role").asText("");
            if (!ids.isEmpty() && !ids.contains(id)) {
                return false;
            }
            if (!idPrefixes.isEmpty() && idPrefixes.stream().noneMatch(id::startsWith)) {
                return false;
            }
            if (!roles.isEmpty() && !roles.contains(role)) {
                return false;
            }
            if (!resourcesInRoles.isEmpty()
                    && resourcesInRoles.stream().noneMatch(p -> p.get(0).equals(id) && p.get(1).equals(role))) {
                return false;
            }
            return labels.matches(resource);
        }
    }

    public static EventFilter parse(JsonNode f, Instant now) {
        JsonNode filter = f == null || f.isNull() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : f;
        JsonNode occurred = filter.path("occurred");
        Instant since = occurred.path("since").isTextual() ? Times.parse(occurred.path("since").asText())
                : defaultSince(now);
        Instant until = occurred.path("until").isTextual() ? Times.parse(occurred.path("until").asText()) : now;
        JsonNode event = filter.path("event");
        JsonNode resource = filter.get("resource");
        JsonNode text = filter.path("text").path("query");
        return new EventFilter(since, until,
                strings(event.get("prefix")), strings(event.get("exclude_prefix")),
                strings(event.get("name")), strings(event.get("exclude_name")),
                resource == null || resource.isNull() ? null : ResourceCriteria.parse(resource),
                criteriaList(filter.get("related")),
                criteriaList(filter.get("any_resource")),
                strings(filter.path("id").get("id")).stream().map(UUID::fromString).toList(),
                text.isTextual() ? TextSearch.parse(text.asText()) : null,
                "ASC".equals(filter.path("order").asText("DESC")));
    }

    public static Instant defaultSince(Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        return today.atStartOfDay().toInstant(ZoneOffset.UTC).minus(Duration.ofDays(180));
    }

    public EventFilter withSince(Instant v) {
        return new EventFilter(v, until, prefixes, excludePrefixes, names, excludeNames, resource, related,
                anyResource, ids, text, ascending);
    }

    public EventFilter withAscending(boolean v) {
        return new EventFilter(since, until, prefixes, excludePrefixes, names, excludeNames, resource, related,
                anyResource, ids, text, v);
    }

    /** The in-memory form of the filter, for events delivered live. */
    public boolean matches(JsonNode event) {
        Instant occurred = ReceivedEvents.occurred(event);
        if (occurred.isBefore(since) || occurred.isAfter(until)) {
            return false;
        }
        String name = event.path("event").asText();
        if (!prefixes.isEmpty() && prefixes.stream().noneMatch(name::startsWith)) {
            return false;
        }
        if (excludePrefixes.stream().anyMatch(name::startsWith)) {
            return false;
        }
        if (!names.isEmpty() && !names.contains(name)) {
            return false;
        }
        if (excludeNames.contains(name)) {
            return false;
        }
        if (!ids.isEmpty() && !ids.contains(ReceivedEvents.id(event))) {
            return false;
        }
        JsonNode primary = event.path("resource");
        if (resource != null && !resource.matches(primary)) {
            return false;
        }
        for (ResourceCriteria r : related) {
            boolean any = false;
            for (JsonNode candidate : event.path("related")) {
                any |= r.matches(candidate);
            }
            if (!any) {
                return false;
            }
        }
        for (ResourceCriteria r : anyResource) {
            boolean any = r.matches(primary);
            for (JsonNode candidate : event.path("related")) {
                any |= r.matches(candidate);
            }
            if (!any) {
                return false;
            }
        }
        return text == null || text.isEmpty() || text.matches(searchText(event));
    }

    /** What {@code text.query} searches: the event name, then the resource, related and payload JSON. */
    public static String searchText(JsonNode event) {
        return event.path("event").asText() + " " + event.path("resource") + " " + event.path("related") + " "
                + event.path("payload");
    }

    private static List<ResourceCriteria> criteriaList(JsonNode n) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (n.isArray()) {
            List<ResourceCriteria> out = new ArrayList<>();
            n.forEach(x -> out.add(ResourceCriteria.parse(x)));
            return List.copyOf(out);
        }
        return List.of(ResourceCriteria.parse(n));
    }

    private static List<String> strings(JsonNode n) {
        if (n == null || !n.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }
}
