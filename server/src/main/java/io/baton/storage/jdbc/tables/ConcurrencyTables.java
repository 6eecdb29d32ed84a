package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.INSTANT;
import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Global (V2) concurrency limits and the leases that hold their slots. */
public final class ConcurrencyTables {

    private ConcurrencyTables() {}

    public static final LimitTable LIMIT = new LimitTable("concurrency_limit_v2");
    public static final LeaseTable LEASE = new LeaseTable("concurrency_lease");

    public static final class LimitTable extends TableDef {
        public final Field<Boolean> ACTIVE = col("active", SQLDataType.BOOLEAN);
        public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
        /** Quoted: {@code limit} is a reserved word on both databases. */
        public final Field<Integer> LIMIT = DSL.field(DSL.quotedName(alias(), "limit"), SQLDataType.INTEGER);
        public final Field<Integer> ACTIVE_SLOTS = col("active_slots", SQLDataType.INTEGER);
        public final Field<Integer> DENIED_SLOTS = col("denied_slots", SQLDataType.INTEGER);
        public final Field<Double> SLOT_DECAY_PER_SECOND = col("slot_decay_per_second", SQLDataType.DOUBLE);
        public final Field<Double> AVG_SLOT_OCCUPANCY_SECONDS = col("avg_slot_occupancy_seconds", SQLDataType.DOUBLE);

        public LimitTable(String alias) {
            super("concurrency_limit_v2", alias);
        }
    }

    public static final class LeaseTable extends TableDef {
        public final Field<JsonNode> RESOURCE_IDS = col("resource_ids", JSON);
        public final Field<Instant> EXPIRATION = col("expiration", INSTANT);
        public final Field<Integer> SLOTS = col("slots", SQLDataType.INTEGER);
        public final Field<String> HOLDER_TYPE = col("holder_type", SQLDataType.VARCHAR);
        public final Field<UUID> HOLDER_ID = col("holder_id", UUID_TYPE);

        public LeaseTable(String alias) {
            super("concurrency_lease", alias);
        }
    }
}
