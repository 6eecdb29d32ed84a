package io.baton.storage.jdbc;

import org.jooq.Field;
import org.jooq.impl.DSL;

/** Small jOOQ helpers shared by the stores. */
public final class Sql {

    private Sql() {}

    /**
     * A state type written into the SQL as a literal: the partial indexes on runs (scheduled runs of a queue,
     * slot-holding runs) are only usable when the query names the state type as a constant, not a bind value.
     */
    public static Field<String> stateLiteral(String stateType) {
        return DSL.inline(stateType);
    }

    public static java.util.List<Field<String>> stateLiterals(java.util.List<String> stateTypes) {
        return stateTypes.stream().map(Sql::stateLiteral).toList();
    }

    /** The column without its table qualifier, as ON CONFLICT targets need it. */
    public static <T> Field<T> unqualified(Field<T> field) {
        return DSL.field(DSL.name(field.getName()), field.getDataType());
    }
}
