package io.baton.storage;

import static io.baton.storage.jdbc.tables.ConcurrencyTables.LIMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.domain.concurrency.AcquireMode;
import io.baton.domain.concurrency.AcquireRequest;
import io.baton.domain.concurrency.Acquisition;
import io.baton.domain.concurrency.ConcurrencyLease;
import io.baton.domain.concurrency.ConcurrencyLimitV2;
import io.baton.domain.concurrency.NewLimit;
import io.baton.domain.orchestration.port.Lease;
import io.baton.domain.orchestration.port.LeaseHolder;
import io.baton.services.LeaseRepossessor;
import io.baton.storage.jdbc.JdbcConcurrencyLimitStore;
import io.baton.storage.jdbc.JdbcConcurrencyPorts;
import io.baton.storage.jdbc.JdbcLeaseStore;
import io.baton.testing.DbKind;
import io.baton.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Limits, slots and leases on every database: atomicity, concurrency, decay in SQL, repossession. */
@ParameterizedClass
@EnumSource(DbKind.class)
class ConcurrencyStoreContractTest {

    @Parameter
    DbKind kind;

    Database db;
    ConcurrencyLimitStore limits;
    LeaseStore leases;
    final Random random = new Random(7);

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.fresh(kind));
        db.migrate();
        limits = new JdbcConcurrencyLimitStore(db);
        leases = new JdbcLeaseStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private AcquireRequest request(String name, int slots) {
        return AcquireRequest.withoutLease(List.of(name), slots, AcquireMode.CONCURRENCY);
    }

    private int active(String name) {
        return limits.readByName(name).orElseThrow().activeSlots();
    }

    /** Moves the limit's decay clock back, as if it had been written {@code seconds} ago. */
    private void age(String name, double seconds) {
        Instant past = Instant.now().minusMillis(Math.round(seconds * 1000));
        db.writeVoid(dsl -> dsl.update(LIMIT.table()).set(LIMIT.UPDATED, past).where(LIMIT.NAME.eq(name)).execute());
    }

    @Test
    void concurrentIncrementsNeverExceedTheLimit() throws Exception {
        limits.create(NewLimit.of("busy", 5));
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return limits.acquire(request("busy", 1), new Random()) instanceof Acquisition.Acquired;
                }));
            }
            start.countDown();
            int acquired = 0;
            for (Future<Boolean> f : results) {
                acquired += f.get() ? 1 : 0;
            }
            assertThat(acquired).isEqualTo(5);
            assertThat(active("busy")).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void acquireIsAllOrNothing() {
        limits.create(NewLimit.of("a", 3));
        limits.create(NewLimit.of("b", 1));
        limits.create(new NewLimit("inactive", 0, false, 0, 0, 0));
        assertThat(limits.acquire(request("b", 1), random)).isInstanceOf(Acquisition.Acquired.class);
        Acquisition refused = limits.acquire(AcquireRequest.withoutLease(List.of("a", "b", "inactive", "unknown"), 1,
                AcquireMode.CONCURRENCY), random);
        assertThat(refused).isInstanceOf(Acquisition.Locked.class);
        assertThat(active("a")).isZero();
        assertThat(limits.readByName("b").orElseThrow().deniedSlots()).isEqualTo(1);
        limits.release(List.of("b"), 1, null);
        Acquisition granted = limits.acquire(AcquireRequest.withoutLease(List.of("a", "b", "inactive"), 1,
                AcquireMode.CONCURRENCY), random);
        assertThat(granted).isInstanceOfSatisfying(Acquisition.Acquired.class,
                a -> assertThat(a.limits()).extracting(ConcurrencyLimitV2::name).containsExactly("a", "b"));
        assertThat(active("a")).isEqualTo(1);
        assertThat(active("b")).isEqualTo(1);
        assertThat(active("inactive")).isZero();
    }

    @Test
    void decayIsComputedInSqlLikeInJava() {
        limits.create(new NewLimit("rate", 10, true, 3, 0, 0.1));
        age("rate", 10.5);
        // 3 - floor(0.1 * 10.5) = 2 at read time...
        assertThat(active("rate")).isEqualTo(2);
        // ...and the conditional UPDATE starts from the same decayed value.
        assertThat(limits.acquire(AcquireRequest.withoutLease(List.of("rate"), 1, AcquireMode.RATE_LIMIT), random))
                .isInstanceOf(Acquisition.Acquired.class);
        assertThat(active("rate")).isEqualTo(3);
        age("rate", 1000);
        assertThat(active("rate")).isZero();
    }

    @Test
    void deniedSlotsDrainByAverageOccupancyForConcurrencyLimits() {
        limits.create(new NewLimit("denied", 1, true, 1, 5, 0));
        age("denied", 4.5);
        // avg occupancy 2 s: one denied slot drains every 2 s -> 5 - floor(2.25) = 3.
        assertThat(limits.readByName("denied").orElseThrow().deniedSlots()).isEqualTo(3);
        assertThat(limits.acquire(request("denied", 1), random)).isInstanceOf(Acquisition.Locked.class);
        int stored = db.read(dsl -> dsl.select(LIMIT.DENIED_SLOTS).from(LIMIT.table()).where(LIMIT.NAME.eq("denied"))
                .fetchOne(LIMIT.DENIED_SLOTS));
        assertThat(stored).isEqualTo(4);
    }

    @Test
    void leasesAreRenewedRevokedAndListed() {
        ConcurrencyLimitV2 limit = limits.create(NewLimit.of("tag:db", 2));
        UUID runA = UUID.randomUUID();
        Acquisition first = limits.acquire(new AcquireRequest(List.of("tag:db"), 1, AcquireMode.CONCURRENCY,
                Duration.ofSeconds(60), LeaseHolder.taskRun(runA)), random);
        UUID leaseId = ((Acquisition.Acquired) first).leaseId();
        ConcurrencyLease lease = leases.read(leaseId).orElseThrow();
        assertThat(lease.resourceIds()).containsExactly(limit.id());
        assertThat(lease.holder()).isEqualTo(LeaseHolder.taskRun(runA));
        assertThat(leases.holders(limit.id())).containsExactly(LeaseHolder.taskRun(runA));
        assertThat(limits.taskRunHolders(limit.id())).containsExactly(runA);

        assertThat(leases.renew(leaseId, Duration.ofSeconds(600))).isTrue();
        assertThat(leases.read(leaseId).orElseThrow().expiration()).isAfter(lease.expiration());
        assertThat(leases.renew(UUID.randomUUID(), Duration.ofSeconds(60))).isFalse();

        assertThat(leases.releaseAndRevoke(leaseId)).isTrue();
        assertThat(leases.releaseAndRevoke(leaseId)).isFalse();
        assertThat(active("tag:db")).isZero();
        assertThat(leases.read(leaseId)).isEmpty();
    }

    @Test
    void expiredLeasesCannotBeRenewedAndAreRepossessed() {
        limits.create(NewLimit.of("held", 3));
        Acquisition acquired = limits.acquire(new AcquireRequest(List.of("held"), 2, AcquireMode.CONCURRENCY,
                Duration.ofSeconds(-1), null), random);
        UUID expired = ((Acquisition.Acquired) acquired).leaseId();
        limits.acquire(new AcquireRequest(List.of("held"), 1, AcquireMode.CONCURRENCY, Duration.ofHours(1), null), random);
        assertThat(active("held")).isEqualTo(3);
        assertThat(leases.renew(expired, Duration.ofSeconds(60))).isFalse();
        assertThat(leases.expired(10)).containsExactly(expired);

        assertThat(new LeaseRepossessor(leases).repossess()).isEqualTo(1);
        assertThat(active("held")).isEqualTo(1);
        assertThat(leases.read(expired)).isEmpty();
        assertThat(new LeaseRepossessor(leases).repossess()).isZero();
    }

    @Test
    void leasesSurviveARestart() {
        limits.create(NewLimit.of("durable", 1));
        UUID leaseId = ((Acquisition.Acquired) limits.acquire(new AcquireRequest(List.of("durable"), 1,
                AcquireMode.CONCURRENCY, Duration.ofMinutes(5), null), random)).leaseId();
        Database reopened = Database.open(db.url());
        try {
            LeaseStore other = new JdbcLeaseStore(reopened);
            assertThat(other.renew(leaseId, Duration.ofMinutes(5))).isTrue();
            assertThat(other.releaseAndRevoke(leaseId)).isTrue();
        } finally {
            reopened.close();
        }
        assertThat(active("durable")).isZero();
    }

    @Test
    void concurrentRepossessorsAndHoldersFreeEachLeaseOnce() throws Exception {
        int leaseCount = 60;
        limits.create(NewLimit.of("shared", 100));
        // Slots taken without a lease must survive every repossession.
        limits.acquire(request("shared", 10), random);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < leaseCount; i++) {
            ids.add(((Acquisition.Acquired) limits.acquire(new AcquireRequest(List.of("shared"), 1,
                    AcquireMode.CONCURRENCY, Duration.ofSeconds(-1), null), random)).leaseId());
        }
        assertThat(active("shared")).isEqualTo(10 + leaseCount);

        // Two "replicas" with their own pools, plus holders releasing their own (expired) leases meanwhile.
        Database replicaA = Database.open(db.url());
        Database replicaB = Database.open(db.url());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Integer>> work = List.of(
                    () -> { start.await(); return new LeaseRepossessor(new JdbcLeaseStore(replicaA)).repossess(); },
                    () -> { start.await(); return new LeaseRepossessor(new JdbcLeaseStore(replicaB)).repossess(); },
                    () -> { start.await(); return releaseAll(new JdbcLeaseStore(replicaA), ids); },
                    () -> { start.await(); return releaseAll(new JdbcLeaseStore(replicaB), ids.reversed()); });
            List<Future<Integer>> futures = work.stream().map(pool::submit).toList();
            start.countDown();
            int freed = 0;
            for (Future<Integer> f : futures) {
                freed += f.get();
            }
            assertThat(freed).isEqualTo(leaseCount);
            assertThat(active("shared")).isEqualTo(10);
            assertThat(leases.expired(1000)).isEmpty();
        } finally {
            pool.shutdownNow();
            replicaA.close();
            replicaB.close();
        }
    }

    private static int releaseAll(LeaseStore store, List<UUID> ids) {
        int freed = 0;
        for (UUID id : ids) {
            freed += store.releaseAndRevoke(id) ? 1 : 0;
        }
        return freed;
    }

    @Test
    void deletingALimitTakesItOutOfItsLeases() {
        ConcurrencyLimitV2 a = limits.create(NewLimit.of("tag:x", 2));
        ConcurrencyLimitV2 b = limits.create(NewLimit.of("tag:y", 2));
        UUID leaseId = ((Acquisition.Acquired) limits.acquire(new AcquireRequest(List.of("tag:x", "tag:y"), 1,
                AcquireMode.CONCURRENCY, ConcurrencyLease.V1_TTL, LeaseHolder.taskRun(UUID.randomUUID())), random))
                .leaseId();
        assertThat(limits.delete(a.id())).isTrue();
        assertThat(leases.read(leaseId).orElseThrow().resourceIds()).containsExactly(b.id());
        assertThat(leases.releaseAndRevoke(leaseId)).isTrue();
        assertThat(active("tag:y")).isZero();
        assertThat(limits.delete(b.id())).isTrue();
        assertThat(limits.delete(b.id())).isFalse();
    }

    @Test
    void portsWorkInsideTheCallersTransaction() {
        ConcurrencyLimitV2 limit = limits.create(NewLimit.of("deployment:" + UUID.randomUUID(), 1));
        // A rolled-back set_state gives back everything its rules took.
        assertThatThrownBy(() -> db.writeVoid(dsl -> {
            JdbcConcurrencyPorts.Bound ports = JdbcConcurrencyPorts.forTransaction(dsl);
            assertThat(ports.acquireSlots(List.of(limit.id()), 1)).isTrue();
            ports.createLease(List.of(limit.id()), Duration.ofMinutes(5), 1, null);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(active(limit.name())).isZero();
        assertThat(leases.holders(limit.id())).isEmpty();

        UUID run = UUID.randomUUID();
        Lease lease = db.write(dsl -> {
            JdbcConcurrencyPorts.Bound ports = JdbcConcurrencyPorts.forTransaction(dsl);
            assertThat(ports.findLimitsByName(List.of(limit.name(), "missing"))).hasSize(1);
            assertThat(ports.acquireSlots(List.of(limit.id()), 1)).isTrue();
            assertThat(ports.acquireSlots(List.of(limit.id()), 1)).isFalse();
            return ports.createLease(List.of(limit.id()), Duration.ofMinutes(5), 1, LeaseHolder.flowRun(run));
        });
        assertThat(active(limit.name())).isEqualTo(1);
        db.writeVoid(dsl -> {
            JdbcConcurrencyPorts.Bound ports = JdbcConcurrencyPorts.forTransaction(dsl);
            assertThat(ports.leasesHeldBy(limit.id(), LeaseHolder.flowRun(run))).extracting(Lease::id)
                    .containsExactly(lease.id());
            Lease read = ports.readLease(lease.id()).orElseThrow();
            assertThat(ports.renewLease(read.id(), Duration.ofMinutes(10))).isTrue();
            ports.releaseSlots(read.resourceIds(), read.slots(), Duration.ofSeconds(4));
            ports.revokeLease(read.id());
        });
        assertThat(active(limit.name())).isZero();
        assertThat(leases.read(lease.id())).isEmpty();
        assertThat(limits.readByName(limit.name()).orElseThrow().avgSlotOccupancySeconds()).isEqualTo(3.0);
    }
}
