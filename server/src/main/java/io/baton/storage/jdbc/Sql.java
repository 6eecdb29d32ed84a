package io.baton.storage.jdbc;

import org.jooq.Field;
import org.jooq.impl.DSL;

/** Small jOOQ helpers shared by the stores. */
public final class Sql {

    private Sql() {}

    /** The column without its table qualifier, as ON CONFLICT targets need it. */
    public static <T> Field<T> unqualified(Field<T> field) {
        return DSL.field(DSL.name(field.getName()), field.getDataType());
    }
}
