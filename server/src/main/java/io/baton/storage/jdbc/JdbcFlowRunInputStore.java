package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.FlowRunTable.FLOW_RUN;
import static io.baton.storage.jdbc.tables.RunStateTables.FLOW_RUN_INPUT;

import io.baton.domain.Ids;
import io.baton.domain.run.FlowRunInput;
import io.baton.storage.Database;
import io.baton.storage.FlowRunInputStore;
import io.baton.storage.RejectedRequestException;
import io.baton.storage.RejectedRequestException.Reason;
import io.baton.storage.jdbc.orchestration.TransactionPorts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Record;

public final class JdbcFlowRunInputStore implements FlowRunInputStore {

    private static final List<org.jooq.Field<?>> COLUMNS = List.of(FLOW_RUN_INPUT.ID, FLOW_RUN_INPUT.CREATED,
            FLOW_RUN_INPUT.UPDATED, FLOW_RUN_INPUT.FLOW_RUN_ID, FLOW_RUN_INPUT.KEY, FLOW_RUN_INPUT.VALUE,
            FLOW_RUN_INPUT.SENDER);

    private final Database db;

    public JdbcFlowRunInputStore(Database db) {
        this.db = db;
    }

    @Override
    public FlowRunInput create(UUID flowRunId, String key, String value, String sender) {
        return db.write(dsl -> {
            if (!dsl.fetchExists(FLOW_RUN.table(), FLOW_RUN.ID.eq(flowRunId))) {
                throw new RejectedRequestException(Reason.NOT_FOUND, "Flow run not found");
            }
            Instant now = TransactionPorts.CLOCK.instant();
            FlowRunInput input = new FlowRunInput(Ids.uuid7(now), now, now, flowRunId, key, value, sender);
            int inserted = dsl.insertInto(FLOW_RUN_INPUT.table())
                    .set(FLOW_RUN_INPUT.ID, input.id())
                    .set(FLOW_RUN_INPUT.CREATED, now)
                    .set(FLOW_RUN_INPUT.UPDATED, now)
                    .set(FLOW_RUN_INPUT.FLOW_RUN_ID, flowRunId)
                    .set(FLOW_RUN_INPUT.KEY, key)
                    .set(FLOW_RUN_INPUT.VALUE, value)
                    .set(FLOW_RUN_INPUT.SENDER, sender)
                    .onConflict(Sql.unqualified(FLOW_RUN_INPUT.FLOW_RUN_ID), Sql.unqualified(FLOW_RUN_INPUT.KEY))
                    .doNothing()
                    .execute();
            if (inserted == 0) {
                throw new RejectedRequestException(Reason.CONFLICT, "A flow run input with this key already exists.");
            }
            return input;
        });
    }

    @Override
    public Optional<FlowRunInput> read(UUID flowRunId, String key) {
        return db.read(dsl -> dsl.select(COLUMNS).from(FLOW_RUN_INPUT.table())
                .where(FLOW_RUN_INPUT.FLOW_RUN_ID.eq(flowRunId)).and(FLOW_RUN_INPUT.KEY.eq(key))
                .fetchOptional(JdbcFlowRunInputStore::map));
    }

    @Override
    public List<FlowRunInput> filter(UUID flowRunId, String prefix, int limit, List<String> excludeKeys) {
        return db.read(dsl -> {
            var query = dsl.select(COLUMNS).from(FLOW_RUN_INPUT.table())
                    .where(FLOW_RUN_INPUT.FLOW_RUN_ID.eq(flowRunId))
                    .and(FLOW_RUN_INPUT.KEY.startsWith(prefix));
            if (excludeKeys != null && !excludeKeys.isEmpty()) {
                query = query.and(FLOW_RUN_INPUT.KEY.notIn(excludeKeys));
            }
            return query.orderBy(FLOW_RUN_INPUT.CREATED.asc()).limit(limit).fetch(JdbcFlowRunInputStore::map);
        });
    }

    @Override
    public boolean delete(UUID flowRunId, String key) {
        return db.write(dsl -> dsl.deleteFrom(FLOW_RUN_INPUT.table())
                .where(FLOW_RUN_INPUT.FLOW_RUN_ID.eq(flowRunId)).and(FLOW_RUN_INPUT.KEY.eq(key)).execute() == 1);
    }

    private static FlowRunInput map(Record r) {
        return new FlowRunInput(r.get(FLOW_RUN_INPUT.ID), r.get(FLOW_RUN_INPUT.CREATED), r.get(FLOW_RUN_INPUT.UPDATED),
                r.get(FLOW_RUN_INPUT.FLOW_RUN_ID), r.get(FLOW_RUN_INPUT.KEY), r.get(FLOW_RUN_INPUT.VALUE),
                r.get(FLOW_RUN_INPUT.SENDER));
    }
}
