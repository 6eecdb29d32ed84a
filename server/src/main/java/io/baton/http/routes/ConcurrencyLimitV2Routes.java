package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.Settings;
import io.baton.domain.concurrency.AcquireMode;
import io.baton.domain.concurrency.AcquireRequest;
import io.baton.domain.concurrency.Acquisition;
import io.baton.domain.concurrency.ConcurrencyLimitV2;
import io.baton.domain.concurrency.LimitPatch;
import io.baton.domain.concurrency.NewLimit;
import io.baton.domain.orchestration.port.LeaseHolder;
import io.baton.http.ApiCall;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Paging;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.ConcurrencyLimitStore;
import io.baton.storage.LeaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code /v2/concurrency_limits}: global limits (CRUD by id or name), taking and giving back slots with or
 * without a lease, and lease renewal. Tagged task runs call {@code increment-with-lease} with {@code tag:<tag>}
 * names whether or not a limit exists, so that path must stay cheap when nothing matches.
 */
public final class ConcurrencyLimitV2Routes implements RouteModule {

    static final String NOT_FOUND = "Concurrency Limit not found";
    static final String LEASE_GONE = "Lease not found - it may have expired or been revoked";
    static final double DEFAULT_LEASE_SECONDS = 300;

    private final ConcurrencyLimitStore limits;
    private final LeaseStore leases;
    private final Settings settings;

    public ConcurrencyLimitV2Routes(ConcurrencyLimitStore limits, LeaseStore leases, Settings settings) {
        this.limits = limits;
        this.leases = leases;
        this.settings = settings;
    }

    /** {@code ConcurrencyLimitV2}: the stored row, returned by create. */
    record Full(UUID id, Instant created, Instant updated, boolean active, String name, int limit, int activeSlots,
                int deniedSlots, double slotDecayPerSecond, double avgSlotOccupancySeconds) {
        static Full of(ConcurrencyLimitV2 l) {
            return new Full(l.id(), l.created(), l.updated(), l.active(), l.name(), l.limit(), l.activeSlots(),
                    l.deniedSlots(), l.slotDecayPerSecond(), l.avgSlotOccupancySeconds());
        }
    }

    /** {@code GlobalConcurrencyLimitResponse}: what reads return, slots decayed to the moment of the read. */
    record Global(UUID id, Instant created, Instant updated, boolean active, String name, int limit, int activeSlots,
                  double slotDecayPerSecond) {
        static Global of(ConcurrencyLimitV2 l) {
            return new Global(l.id(), l.created(), l.updated(), l.active(), l.name(), l.limit(), l.activeSlots(),
                    l.slotDecayPerSecond());
        }
    }

    /** {@code MinimalConcurrencyLimitResponse}. */
    record Minimal(UUID id, String name, int limit) {
        static Minimal of(ConcurrencyLimitV2 l) {
            return new Minimal(l.id(), l.name(), l.limit());
        }
    }

    record WithLease(UUID leaseId, List<Minimal> limits) {}

    @Override
    public void register(ApiRouter r) {
        r.post("/v2/concurrency_limits/", call -> {
            JsonNode b = call.body();
            NewLimit spec = new NewLimit(b.get("name").asText(), b.get("limit").asInt(),
                    b.path("active").asBoolean(true), b.path("active_slots").asInt(0),
                    b.path("denied_slots").asInt(0), b.path("slot_decay_per_second").asDouble(0));
            return Reply.created(Full.of(limits.create(spec)));
        });
        r.get("/v2/concurrency_limits/{id_or_name}", call -> Global.of(find(call)));
        r.patch("/v2/concurrency_limits/{id_or_name}", call -> {
            JsonNode b = call.body();
            LimitPatch patch = new LimitPatch(bool(b, "active"), text(b, "name"), integer(b, "limit"),
                    integer(b, "active_slots"), integer(b, "denied_slots"), number(b, "slot_decay_per_second"));
            if (!limits.update(find(call).id(), patch)) {
                throw ApiException.detail(404, NOT_FOUND);
            }
            return Reply.noContent();
        });
        r.delete("/v2/concurrency_limits/{id_or_name}", call -> {
            if (!limits.delete(find(call).id())) {
                throw ApiException.detail(404, NOT_FOUND);
            }
            return Reply.noContent();
        });
        r.post("/v2/concurrency_limits/filter", call -> {
            int limit = Paging.limit(call.body(), settings.defaultLimit());
            return limits.list(null, limit, Paging.offset(call.body())).stream().map(Global::of).toList();
        });
        r.post("/v2/concurrency_limits/increment", call -> {
            Acquisition.Acquired acquired = acquire(call, null, null);
            return acquired.limits().stream().map(Minimal::of).toList();
        });
        r.post("/v2/concurrency_limits/increment-with-lease", call -> {
            JsonNode b = call.body();
            Duration ttl = seconds(b.path("lease_duration").asDouble(DEFAULT_LEASE_SECONDS));
            Acquisition.Acquired acquired = acquire(call, ttl, holder(b.path("holder")));
            // Nothing to hold (no matching active limit): an id that no lease has, as the client expects one.
            UUID leaseId = acquired.leaseId() != null ? acquired.leaseId() : UUID.randomUUID();
            return new WithLease(leaseId, acquired.limits().stream().map(Minimal::of).toList());
        });
        r.post("/v2/concurrency_limits/decrement", call -> {
            JsonNode b = call.body();
            JsonNode occupancy = b.path("occupancy_seconds");
            List<ConcurrencyLimitV2> found = limits.release(Json.stringList(b.get("names")), b.get("slots").asInt(),
                    occupancy.isNumber() ? occupancy.asDouble() : null);
            return found.stream().map(Minimal::of).toList();
        });
        r.post("/v2/concurrency_limits/decrement-with-lease", call -> {
            leases.releaseAndRevoke(UUID.fromString(call.body().get("lease_id").asText()));
            return Reply.noContent();
        });
        r.post("/v2/concurrency_limits/leases/{lease_id}/renew", call -> {
            Duration ttl = seconds(call.body().path("lease_duration").asDouble(DEFAULT_LEASE_SECONDS));
            if (!leases.renew(call.uuid("lease_id"), ttl)) {
                throw ApiException.detail(410, LEASE_GONE);
            }
            return Reply.noContent();
        });
    }

    private Acquisition.Acquired acquire(ApiCall call, Duration leaseTtl, LeaseHolder holder) {
        JsonNode b = call.body();
        int slots = b.get("slots").asInt();
        AcquireRequest request = new AcquireRequest(Json.stringList(b.get("names")), slots,
                AcquireMode.fromWire(b.path("mode").asText("concurrency")), leaseTtl, holder);
        return switch (limits.acquire(request, ThreadLocalRandom.current())) {
            case Acquisition.Acquired a -> a;
            case Acquisition.Locked locked -> throw locked(locked.retryAfterSeconds());
            case Acquisition.ExceedsLimit e -> throw ApiException.detail(422, "Slots requested is greater than the limit");
            case Acquisition.NotRateLimits n -> throw ApiException.detail(422, "Only concurrency limits with slot decay "
                    + "can be used for rate limiting. The following limits do not have a decay configured: '"
                    + String.join(",", n.names()) + "'");
        };
    }

    /** 423 with the Retry-After (float seconds) the client requires to back off. */
    static ApiException locked(double retryAfterSeconds) {
        return ApiException.detail(423, "Locked", Map.of("Retry-After", String.valueOf(Math.max(0, retryAfterSeconds))));
    }

    private ConcurrencyLimitV2 find(ApiCall call) {
        String idOrName = call.path("id_or_name");
        Optional<ConcurrencyLimitV2> found = parseUuid(idOrName).map(limits::read)
                .orElseGet(() -> limits.readByName(idOrName));
        return found.orElseThrow(() -> ApiException.detail(404, NOT_FOUND));
    }

    static Optional<UUID> parseUuid(String text) {
        try {
            return text.length() == 36 ? Optional.of(UUID.fromString(text)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    static LeaseHolder holder(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new LeaseHolder(node.get("type").asText(), UUID.fromString(node.get("id").asText()));
    }

    private static Boolean bool(JsonNode b, String key) {
        JsonNode n = b.path(key);
        return n.isBoolean() ? n.asBoolean() : null;
    }

    private static String text(JsonNode b, String key) {
        JsonNode n = b.path(key);
        return n.isTextual() ? n.asText() : null;
    }

    private static Integer integer(JsonNode b, String key) {
        JsonNode n = b.path(key);
        return n.isNumber() ? n.asInt() : null;
    }

    private static Double number(JsonNode b, String key) {
        JsonNode n = b.path(key);
        return n.isNumber() ? n.asDouble() : null;
    }
}
