package io.baton.storage.jdbc.filter;

import io.baton.domain.work.Worker;
import io.baton.storage.jdbc.tables.WorkerTable;
import java.time.Instant;
import org.jooq.Condition;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * "The worker is ONLINE" in SQL: its last heartbeat is younger than {@link Worker#INACTIVITY_HEARTBEAT_MULTIPLE}
 * times its own interval (or the fallback interval), measured from {@code now}.
 */
public final class WorkerLiveness {

    private WorkerLiveness() {}

    public static Condition online(SQLDialect dialect, WorkerTable w, Instant now) {
        var window = DSL.coalesce(w.HEARTBEAT_INTERVAL_SECONDS, DSL.inline(Worker.FALLBACK_HEARTBEAT_INTERVAL_SECONDS))
                .times(DSL.inline(Worker.INACTIVITY_HEARTBEAT_MULTIPLE));
        if (dialect == SQLDialect.POSTGRES) {
            return DSL.condition("{0} > {1} - ({2} * interval '1 second')", w.LAST_HEARTBEAT_TIME, DSL.val(now,
                    w.LAST_HEARTBEAT_TIME.getDataType()), window);
        }
        return DSL.condition("julianday({0}) > julianday({1}) - ({2} / 86400.0)", w.LAST_HEARTBEAT_TIME,
                DSL.val(now, w.LAST_HEARTBEAT_TIME.getDataType()), window);
    }
}
