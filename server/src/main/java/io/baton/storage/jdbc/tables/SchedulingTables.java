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

/**
 * Tables owned by other capabilities that deployments and the scheduler write directly inside their own
 * transactions: scheduled runs' state rows, the {@code deployment:<id>} concurrency limit, and block
 * documents (existence checks only).
 */
public final class SchedulingTables {

    private SchedulingTables() {}

    public static final RunStateTable FLOW_RUN_STATE = new RunStateTable("flow_run_state");
    public static final LimitTable CONCURRENCY_LIMIT_V2 = new LimitTable("concurrency_limit_v2");
    public static final BlockDocumentTable BLOCK_DOCUMENT = new BlockDocumentTable("block_document");

    public static final class RunStateTable extends TableDef {
        public final Field<UUID> FLOW_RUN_ID = col("flow_run_id", UUID_TYPE);
        public final Field<String> TYPE = col("type", SQLDataType.VARCHAR);
        public final Field<Instant> TIMESTAMP = col("timestamp", INSTANT);
        public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
        public final Field<String> MESSAGE = col("message", SQLDataType.VARCHAR);
        public final Field<JsonNode> STATE_DETAILS = col("state_details", JSON);

        public RunStateTable(String alias) {
            super("flow_run_state", alias);
        }
    }

    public static final class LimitTable extends TableDef {
        public final Field<Boolean> ACTIVE = col("active", SQLDataType.BOOLEAN);
        public final Field<String> NAME = col("name", SQLDataType.VARCHAR);
        /** {@code limit} is a reserved word: always quoted. */
        public final Field<Integer> LIMIT;
        public final Field<Integer> ACTIVE_SLOTS = col("active_slots", SQLDataType.INTEGER);
        public final Field<Double> SLOT_DECAY_PER_SECOND = col("slot_decay_per_second", SQLDataType.DOUBLE);

        public LimitTable(String alias) {
            super("concurrency_limit_v2", alias);
            LIMIT = DSL.field(DSL.quotedName(alias, "limit"), SQLDataType.INTEGER);
        }
    }

    public static final class BlockDocumentTable extends TableDef {
        public BlockDocumentTable(String alias) {
            super("block_document", alias);
        }
    }
}
