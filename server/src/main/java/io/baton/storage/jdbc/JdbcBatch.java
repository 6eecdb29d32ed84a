package io.baton.storage.jdbc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;

/**
 * One statement executed for many rows as a JDBC batch: jOOQ renders the SQL once (placeholders and
 * PostgreSQL casts included) and each row's values are bound straight to the statement through the columns'
 * bindings. jOOQ's own batch wraps every value of every row in a bind-value object first, which was half of
 * the event writer's time; this keeps only the driver's work. The SQL is rendered once per dialect, as for
 * {@link HotStatement}.
 */
final class JdbcBatch {

    private static final Set<Class<?>> PLAIN = Set.of(String.class, Integer.class, Long.class, Short.class,
            Double.class, Float.class, Boolean.class, BigDecimal.class);

    private final Function<DSLContext, Query> shape;
    private final List<? extends Field<?>> columns;
    private final PerDialect<String> sql = new PerDialect<>(this::render);

    private JdbcBatch(Function<DSLContext, Query> shape, List<? extends Field<?>> columns) {
        this.shape = shape;
        this.columns = List.copyOf(columns);
    }

    /**
     * A statement whose bind parameters are exactly {@code columns}, in order; rendered once per dialect, and on
     * SQLite prepared once per connection ({@link StatementCache}).
     */
    static JdbcBatch of(List<? extends Field<?>> columns, Function<DSLContext, Query> shape) {
        return new JdbcBatch(shape, columns);
    }

    /** Executes the statement once per row; returns the driver's per-row update counts. */
    int[] execute(DSLContext dsl, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        boolean pg = dsl.dialect() == SQLDialect.POSTGRES;
        String sql = this.sql.get(dsl);
        return dsl.connectionResult(connection -> {
            PreparedStatement st = StatementCache.prepare(connection, sql);
            try {
                for (Object[] row : rows) {
                    for (int i = 0; i < columns.size(); i++) {
                        bind(st, i + 1, columns.get(i), row[i], pg);
                    }
                    st.addBatch();
                }
                int[] counts = st.executeBatch();
                StatementCache.release(connection, st);
                return counts;
            } catch (SQLException | RuntimeException e) {
                StatementCache.discard(connection, st);
                throw e;
            }
        });
    }

    private String render(DSLContext dsl) {
        Query query = shape.apply(dsl);
        String sql = dsl.render(query);
        if (query.getBindValues().size() != columns.size()) {
            throw new IllegalStateException("statement has " + query.getBindValues().size() + " bind values, "
                    + columns.size() + " columns given: " + sql);
        }
        return sql;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void bind(PreparedStatement st, int index, Field<?> column, Object value, boolean pg)
            throws SQLException {
        if (column.getBinding() instanceof DialectBinding binding) {
            binding.write(st, index, value, pg);
        } else if (value == null) {
            st.setNull(index, column.getDataType().getSQLType());
        } else if (PLAIN.contains(value.getClass())) {
            st.setObject(index, value);
        } else {
            throw new IllegalArgumentException("no JDBC binding for " + value.getClass() + " in " + column.getName());
        }
    }
}
