package io.baton.storage.jdbc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;

/**
 * One statement executed for many rows as a JDBC batch: jOOQ renders the SQL once (placeholders and
 * PostgreSQL casts included) and each row's values are bound straight to the statement through the columns'
 * bindings. jOOQ's own batch wraps every value of every row in a bind-value object first, which was half of
 * the event writer's time; this keeps only the driver's work.
 */
final class JdbcBatch {

    private static final Set<Class<?>> PLAIN = Set.of(String.class, Integer.class, Long.class, Short.class,
            Double.class, Float.class, Boolean.class, BigDecimal.class);

    private JdbcBatch() {}

    /**
     * Executes {@code query} (whose bind parameters are exactly {@code columns}, in order) once per row; returns
     * the driver's per-row update counts.
     */
    static int[] execute(DSLContext dsl, Query query, List<? extends Field<?>> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        String sql = dsl.render(query);
        if (query.getBindValues().size() != columns.size()) {
            throw new IllegalStateException("statement has " + query.getBindValues().size() + " bind values, "
                    + columns.size() + " columns given: " + sql);
        }
        boolean pg = dsl.dialect() == SQLDialect.POSTGRES;
        return dsl.connectionResult(connection -> {
            try (PreparedStatement st = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < columns.size(); i++) {
                        bind(st, i + 1, columns.get(i), row[i], pg);
                    }
                    st.addBatch();
                }
                return st.executeBatch();
            }
        });
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
