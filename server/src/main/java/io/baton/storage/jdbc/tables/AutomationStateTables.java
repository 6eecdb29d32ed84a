package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.INSTANT;
import static io.baton.storage.jdbc.ColumnTypes.JSON;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/** The trigger engine's state: buckets, composite child firings, pending actions. */
public final class AutomationStateTables {

    private AutomationStateTables() {}

    public static final BucketTable AUTOMATION_BUCKET = new BucketTable();
    public static final ChildFiringTable CHILD_FIRING = new ChildFiringTable();
    public static final PendingActionTable PENDING_ACTION = new PendingActionTable();

    public static final class BucketTable extends TableDef {
        public final Field<UUID> AUTOMATION_ID = col("automation_id", UUID_TYPE);
        public final Field<UUID> TRIGGER_ID = col("trigger_id", UUID_TYPE);
        public final Field<String> BUCKETING_KEY = col("bucketing_key", SQLDataType.VARCHAR);
        public final Field<Instant> START = col("start", INSTANT);
        public final Field<Instant> END = col("end", INSTANT);
        public final Field<Integer> COUNT = col("count", SQLDataType.INTEGER);
        public final Field<JsonNode> LAST_EVENT = col("last_event", JSON);

        BucketTable() {
            super("automation_bucket", "automation_bucket");
        }
    }

    public static final class ChildFiringTable extends TableDef {
        public final Field<UUID> AUTOMATION_ID = col("automation_id", UUID_TYPE);
        public final Field<UUID> PARENT_TRIGGER_ID = col("parent_trigger_id", UUID_TYPE);
        public final Field<UUID> CHILD_TRIGGER_ID = col("child_trigger_id", UUID_TYPE);
        public final Field<UUID> CHILD_FIRING_ID = col("child_firing_id", UUID_TYPE);
        public final Field<Instant> CHILD_FIRED_AT = col("child_fired_at", INSTANT);
        public final Field<JsonNode> CHILD_FIRING = col("child_firing", JSON);

        ChildFiringTable() {
            super("composite_trigger_child_firing", "composite_trigger_child_firing");
        }
    }

    public static final class PendingActionTable extends TableDef {
        public final Field<UUID> AUTOMATION_ID = col("automation_id", UUID_TYPE);
        public final Field<Integer> ACTION_INDEX = col("action_index", SQLDataType.INTEGER);
        public final Field<JsonNode> ACTION = col("action", JSON);
        public final Field<JsonNode> FIRING = col("firing", JSON);
        public final Field<Instant> CLAIMED_UNTIL = col("claimed_until", INSTANT);

        PendingActionTable() {
            super("automation_pending_action", "automation_pending_action");
        }
    }
}
