package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.Settings;
import io.baton.automations.AutomationChangeSignal;
import io.baton.automations.AutomationEvents;
import io.baton.domain.automation.Automation;
import io.baton.events.EventPublisher;
import io.baton.domain.automation.AutomationSpec;
import io.baton.domain.automation.TemplateCheck;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.FilterParser;
import io.baton.domain.filter.Query;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Paging;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.AutomationStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /automations} and {@code /templates/validate}. Every change emits {@code prefect.automation.created /
 * updated / deleted} and tells this process's trigger engine.
 */
public final class AutomationRoutes implements RouteModule {

    private static final Map<String, String> BODY_KEYS = Map.of("automations", "automation");

    private final AutomationStore automations;
    private final Settings settings;
    private final EventPublisher events;
    private final AutomationChangeSignal changes;

    public AutomationRoutes(AutomationStore automations, Settings settings, EventPublisher events,
                            AutomationChangeSignal changes) {
        this.automations = automations;
        this.settings = settings;
        this.events = events;
        this.changes = changes;
    }

    private void changed(String what, Automation automation) {
        changes.changed();
        events.publish(List.of(AutomationEvents.changed(what, automation, Instant.now())));
    }

    private void updated(UUID id) {
        automations.read(id).ifPresent(a -> changed("updated", a));
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/automations/", call -> {
            JsonNode body = call.body();
            JsonNode owner = body.get("owner_resource");
            Automation created = automations.create(AutomationSpec.fromBody(body),
                    owner == null || owner.isNull() ? null : owner.asText());
            changed("created", created);
            return Reply.created(created);
        });
        r.get("/automations/{id}", call -> automations.read(call.uuid("id")).orElseThrow(AutomationRoutes::notFound));
        r.put("/automations/{id}", call -> {
            if (!automations.replace(call.uuid("id"), AutomationSpec.fromBody(call.body()))) {
                throw notFound();
            }
            updated(call.uuid("id"));
            return Reply.noContent();
        });
        r.patch("/automations/{id}", call -> {
            JsonNode enabled = call.body().get("enabled");
            boolean found = enabled == null || enabled.isNull()
                    ? automations.read(call.uuid("id")).isPresent()
                    : automations.setEnabled(call.uuid("id"), enabled.asBoolean());
            if (!found) {
                throw notFound();
            }
            if (enabled != null && !enabled.isNull()) {
                updated(call.uuid("id"));
            }
            return Reply.noContent();
        });
        r.delete("/automations/{id}", call -> {
            Automation existing = automations.read(call.uuid("id")).orElseThrow(AutomationRoutes::notFound);
            if (!automations.delete(call.uuid("id"))) {
                throw notFound();
            }
            changed("deleted", existing);
            return Reply.noContent();
        });
        r.post("/automations/filter", call -> {
            JsonNode body = call.body();
            return automations.filter(new Query(criterion(body), Paging.sort(body),
                    Paging.limit(body, settings.defaultLimit()), Paging.offset(body)));
        });
        r.post("/automations/count", call -> automations.count(criterion(call.body())));
        r.get("/automations/related-to/{resource_id}", call -> automations.relatedTo(call.path("resource_id")));
        r.delete("/automations/owned-by/{resource_id}", call -> {
            List<Automation> owned = automations.relatedTo(call.path("resource_id"));
            if (automations.deleteOwnedBy(call.path("resource_id")) > 0) {
                owned.stream().filter(a -> automations.read(a.id()).isEmpty()).forEach(a -> changed("deleted", a));
            }
            return new Reply(202, null);
        });
        r.post("/templates/validate", call -> validateTemplate(call.body()));
        r.post("/automations/templates/validate", call -> validateTemplate(call.body()));
    }

    private static Reply validateTemplate(JsonNode body) {
        String template = body.isTextual() ? body.asText() : body.toString();
        var error = TemplateCheck.check(template);
        if (error.isPresent()) {
            var detail = Json.object().put("line", error.get().line()).put("message", error.get().message())
                    .put("source", template);
            throw new ApiException(422, Json.object().set("error", detail), Map.of());
        }
        return Reply.noContent();
    }

    private static Criterion criterion(JsonNode body) {
        return FilterParser.parseBody(body, "automation", BODY_KEYS);
    }

    private static ApiException notFound() {
        return ApiException.detail(404, "Automation not found");
    }
}
