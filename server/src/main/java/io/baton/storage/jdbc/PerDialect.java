package io.baton.storage.jdbc;

import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * A value made once per dialect and kept, such as a statement's rendered SQL. Two threads may both make it the
 * first time; the value is the same either way.
 */
final class PerDialect<T> {

    private final Function<DSLContext, T> make;
    private volatile T sqlite;
    private volatile T postgres;

    PerDialect(Function<DSLContext, T> make) {
        this.make = make;
    }

    T get(DSLContext dsl) {
        boolean pg = dsl.dialect() == SQLDialect.POSTGRES;
        T value = pg ? postgres : sqlite;
        if (value == null) {
            value = make.apply(dsl);
            if (pg) {
                postgres = value;
            } else {
                sqlite = value;
            }
        }
        return value;
    }
}
