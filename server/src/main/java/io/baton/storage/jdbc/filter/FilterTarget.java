package io.baton.storage.jdbc.filter;

import io.baton.domain.filter.Criterion;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * One queryable object (flow, flow run, ...) as seen by the filter compiler: its columns by API field
 * name and how to reach related objects. Implementations are bound to a table alias so that the same
 * object can appear in nested EXISTS subqueries.
 */
public interface FilterTarget {

    /** The column for an API field name, or null when the field is not a plain column. */
    Column column(String field);

    /** Special semantics for a field (e.g. a flow's {@code deployment.is_null_}); null when none. */
    default Condition special(Criterion.Match match, FilterCompiler compiler) {
        return null;
    }

    /** An EXISTS-style condition: this object has a related {@code relation} matching {@code criterion}. */
    Condition related(String relation, Criterion criterion, FilterCompiler compiler);

    /** A column and how its values are typed. */
    record Column(Field<?> field, ColumnKind kind) {}

    enum ColumnKind { UUID, TEXT, INSTANT, INTEGER, NUMBER, BOOLEAN, JSON_LIST }
}
