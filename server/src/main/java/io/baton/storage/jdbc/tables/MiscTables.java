package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.INSTANT;
import static io.baton.storage.jdbc.ColumnTypes.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/** Small server-bookkeeping tables. */
public final class MiscTables {

    private MiscTables() {}

    public static final CsrfTokenTable CSRF_TOKEN = new CsrfTokenTable();
    public static final ConfigurationTable CONFIGURATION = new ConfigurationTable();
    public static final TaskRunDeliveryTable TASK_RUN_DELIVERY = new TaskRunDeliveryTable();

    public static final class CsrfTokenTable extends TableDef {
        public final Field<String> TOKEN = col("token", SQLDataType.VARCHAR);
        public final Field<String> CLIENT = col("client", SQLDataType.VARCHAR);
        public final Field<Instant> EXPIRATION = col("expiration", INSTANT);

        CsrfTokenTable() {
            super("csrf_token", "csrf_token");
        }
    }

    public static final class ConfigurationTable extends TableDef {
        public final Field<String> KEY = col("key", SQLDataType.VARCHAR);
        public final Field<JsonNode> VALUE = col("value", JSON);

        ConfigurationTable() {
            super("configuration", "configuration");
        }
    }

    /** Claims on deferred task run deliveries; {@code id} is the task run's id. */
    public static final class TaskRunDeliveryTable extends TableDef {
        public final Field<String> CLAIMED_BY = col("claimed_by", SQLDataType.VARCHAR);
        public final Field<Instant> CLAIMED_UNTIL = col("claimed_until", INSTANT);
        public final Field<Boolean> ACKNOWLEDGED = col("acknowledged", SQLDataType.BOOLEAN);

        TaskRunDeliveryTable() {
            super("task_run_delivery", "task_run_delivery");
        }
    }
}
