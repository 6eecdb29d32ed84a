package io.baton.storage.jdbc.tables;

import static io.baton.storage.jdbc.ColumnTypes.INSTANT;
import static io.baton.storage.jdbc.ColumnTypes.UUID_TYPE;

import java.time.Instant;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A table and its columns, bound to an alias so that the same table can appear twice in a query
 * (e.g. a flow-run filter nested in a flow-run query). Every table has id, created and updated.
 */
public abstract class TableDef {

    private final String name;
    private final String alias;
    private final Table<Record> table;
    public final Field<UUID> ID;
    public final Field<Instant> CREATED;
    public final Field<Instant> UPDATED;

    protected TableDef(String name, String alias) {
        this.name = name;
        this.alias = alias;
        this.table = alias.equals(name) ? DSL.table(DSL.name(name)) : DSL.table(DSL.name(name)).as(DSL.name(alias));
        this.ID = col("id", UUID_TYPE);
        this.CREATED = col("created", INSTANT);
        this.UPDATED = col("updated", INSTANT);
    }

    protected final <T> Field<T> col(String column, DataType<T> type) {
        return DSL.field(DSL.name(alias, column), type);
    }

    public final Table<Record> table() {
        return table;
    }

    public final String tableName() {
        return name;
    }

    public final String alias() {
        return alias;
    }
}
