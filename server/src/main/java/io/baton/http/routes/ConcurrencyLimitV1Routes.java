package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.Settings;
import io.baton.domain.concurrency.AcquireMode;
import io.baton.domain.concurrency.AcquireRequest;
import io.baton.domain.concurrency.Acquisition;
import io.baton.domain.concurrency.ConcurrencyLease;
import io.baton.domain.concurrency.ConcurrencyLimitV2;
import io.baton.domain.concurrency.SlotDecay;
import io.baton.domain.orchestration.port.LeaseHolder;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Paging;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.ConcurrencyLimitStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code /concurrency_limits}: the V1 task-tag limits, kept as an adapter over V2 limits named {@code tag:<tag>}.
 * A V1 limit's id is its V2 limit's id; its {@code active_slots} are the task runs holding unexpired leases on
 * it. Baton never writes the legacy {@code concurrency_limit} table, so there is nothing to fall back to.
 */
public final class ConcurrencyLimitV1Routes implements RouteModule {

    static final String NOT_FOUND = "Concurrency limit not found";

    private final ConcurrencyLimitStore limits;
    private final Settings settings;

    public ConcurrencyLimitV1Routes(ConcurrencyLimitStore limits, Settings settings) {
        this.limits = limits;
        this.settings = settings;
    }

    /** The V1 {@code ConcurrencyLimit} shape. */
    record TagLimit(UUID id, Instant created, Instant updated, String tag, int concurrencyLimit,
                    List<UUID> activeSlots) {}

    /** {@code MinimalConcurrencyLimitResponse} named by tag, as V1 clients expect. */
    record Minimal(UUID id, String name, int limit) {
        static Minimal of(ConcurrencyLimitV2 l) {
            return new Minimal(l.id(), l.tag(), l.limit());
        }
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/concurrency_limits/", call -> {
            JsonNode b = call.body();
            var upserted = limits.upsertTagLimit(b.get("tag").asText(), b.get("concurrency_limit").asInt());
            return Reply.createdOrOk(upserted.created(), render(upserted.value()));
        });
        r.get("/concurrency_limits/{id}", call -> render(byId(call.uuid("id"))));
        r.get("/concurrency_limits/tag/{tag}", call -> render(byTag(call.path("tag"))));
        r.delete("/concurrency_limits/{id}", call -> {
            if (!limits.delete(byId(call.uuid("id")).id())) {
                throw ApiException.detail(404, NOT_FOUND);
            }
            return Reply.ok(null);
        });
        r.delete("/concurrency_limits/tag/{tag}", call -> {
            if (!limits.delete(byTag(call.path("tag")).id())) {
                throw ApiException.detail(404, NOT_FOUND);
            }
            return Reply.ok(null);
        });
        r.post("/concurrency_limits/filter", call -> {
            int limit = Paging.limit(call.body(), settings.defaultLimit());
            return limits.list(ConcurrencyLimitV2.TAG_PREFIX, limit, Paging.offset(call.body())).stream()
                    .map(this::render).toList();
        });
        r.post("/concurrency_limits/tag/{tag}/reset", call -> {
            ConcurrencyLimitV2 limit = byTag(call.path("tag"));
            JsonNode override = call.body().path("slot_override");
            List<UUID> taskRuns = new ArrayList<>();
            if (override.isArray()) {
                override.forEach(n -> taskRuns.add(UUID.fromString(n.asText())));
            }
            limits.resetSlots(limit.id(), taskRuns);
            return Reply.ok(null);
        });
        r.post("/concurrency_limits/increment", call -> {
            List<String> tags = Json.stringList(call.body().get("names"));
            LeaseHolder holder = LeaseHolder.taskRun(UUID.fromString(call.body().get("task_run_id").asText()));
            AcquireRequest request = new AcquireRequest(names(tags), 1, AcquireMode.CONCURRENCY,
                    ConcurrencyLease.V1_TTL, holder);
            return switch (limits.acquire(request, ThreadLocalRandom.current())) {
                case Acquisition.Acquired a -> a.limits().stream().map(Minimal::of).toList();
                case Acquisition.ExceedsLimit e -> throw ApiException.detail(423, "The concurrency limit on tag \""
                        + e.limit().tag() + "\" is 0 and will deadlock if the task tries to run again.",
                        java.util.Map.of("Retry-After", String.valueOf(SlotDecay.TAG_MAX_WAIT_SECONDS)));
                case Acquisition.Locked locked -> throw ApiException.detail(423, "Concurrency limit for the "
                        + blockingTag(locked) + " tag has been reached",
                        java.util.Map.of("Retry-After", String.valueOf(Math.max(0, locked.retryAfterSeconds()))));
                case Acquisition.NotRateLimits n -> throw new IllegalStateException("concurrency mode never checks decay");
            };
        });
        r.post("/concurrency_limits/decrement", call -> {
            List<String> tags = Json.stringList(call.body().get("names"));
            LeaseHolder holder = LeaseHolder.taskRun(UUID.fromString(call.body().get("task_run_id").asText()));
            List<ConcurrencyLimitV2> found = limits.readByNames(names(tags));
            limits.releaseHeldBy(found.stream().map(ConcurrencyLimitV2::id).toList(), holder);
            return found.stream().map(Minimal::of).toList();
        });
    }

    private static String blockingTag(Acquisition.Locked locked) {
        return locked.limits().stream()
                .filter(l -> l.activeSlots() >= l.limit())
                .map(ConcurrencyLimitV2::tag)
                .findFirst()
                .orElse(locked.limits().isEmpty() ? "" : locked.limits().getFirst().tag());
    }

    private static List<String> names(List<String> tags) {
        return tags.stream().map(t -> ConcurrencyLimitV2.TAG_PREFIX + t).toList();
    }

    private ConcurrencyLimitV2 byId(UUID id) {
        return limits.read(id).filter(ConcurrencyLimitV2::isTagLimit)
                .orElseThrow(() -> ApiException.detail(404, NOT_FOUND));
    }

    private ConcurrencyLimitV2 byTag(String tag) {
        return limits.readByName(ConcurrencyLimitV2.TAG_PREFIX + tag)
                .orElseThrow(() -> ApiException.detail(404, NOT_FOUND));
    }

    private TagLimit render(ConcurrencyLimitV2 limit) {
        return new TagLimit(limit.id(), limit.created(), limit.updated(), limit.tag(), limit.limit(),
                limits.taskRunHolders(limit.id()));
    }
}
