package io.baton.storage.jdbc.orchestration;

import io.baton.domain.orchestration.port.ConcurrencyPort;
import io.baton.domain.orchestration.port.LeasePort;
import io.baton.storage.jdbc.JdbcConcurrencyPorts;
import org.jooq.DSLContext;

/** Concurrency slots and leases as the orchestration rules see them, bound to one set_state transaction. */
@FunctionalInterface
public interface SlotPorts {

    Binding bind(DSLContext dsl);

    record Binding(ConcurrencyPort concurrency, LeasePort leases) {}

    /** The concurrency-limit and lease tables, inside the caller's transaction. */
    SlotPorts DATABASE = dsl -> {
        JdbcConcurrencyPorts.Bound bound = JdbcConcurrencyPorts.forTransaction(dsl);
        return new Binding(bound, bound);
    };

    /** No limits anywhere: every acquire succeeds and no lease is kept (storage tests of runs alone). */
    SlotPorts NONE = dsl -> new Binding(NoConcurrencyLimits.INSTANCE, NoConcurrencyLimits.INSTANCE);
}
