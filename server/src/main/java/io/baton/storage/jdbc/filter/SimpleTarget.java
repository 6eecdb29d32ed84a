package io.baton.storage.jdbc.filter;

import io.baton.domain.filter.Criterion;
import java.util.HashMap;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;

/** A filter target described by a column map; subclasses add relations and special fields. */
abstract class SimpleTarget implements FilterTarget {

    private final Map<String, Column> columns = new HashMap<>();

    protected final void column(String field, Field<?> expr, ColumnKind kind) {
        columns.put(field, new Column(expr, kind));
    }

    @Override
    public Column column(String field) {
        return columns.get(field);
    }

    @Override
    public Condition related(String relation, Criterion criterion, FilterCompiler compiler) {
        throw new IllegalArgumentException(getClass().getSimpleName() + " cannot be filtered by " + relation);
    }
}
