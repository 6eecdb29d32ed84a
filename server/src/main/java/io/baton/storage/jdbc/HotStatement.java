package io.baton.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * A statement of the run orchestration hot path whose SQL jOOQ renders once per dialect: each execution only
 * binds values and runs it over JDBC. Building and rendering the same query shapes on every call was about a
 * third of the server's CPU under the lifecycle load.
 *
 * <p>The shape is written with jOOQ as usual, each value being a {@link Slots#of placeholder}; executions pass
 * the values in the order the placeholders were created. Values are bound and read through the same column
 * bindings jOOQ uses ({@link DialectBinding} for timestamps, JSON and UUIDs), so what is stored and read is
 * identical to the jOOQ path. Selected rows come back as jOOQ records of the selected fields, for the mappers.
 */
final class HotStatement {

    /** Hands out the placeholders of one shape, remembering their column types. */
    static final class Slots {
        private final List<DataType<?>> types = new ArrayList<>();

        <T> Field<T> of(Field<T> column) {
            return of(column.getDataType());
        }

        <T> Field<T> of(DataType<T> type) {
            types.add(type);
            return DSL.param("h" + (types.size() - 1), type);
        }
    }

    private record Rendered(String sql, int[] positions) {}

    private final Function<Slots, Query> shape;
    private final List<DataType<?>> types;
    private final Field<?>[] selected;
    private final PerDialect<Rendered> rendered = new PerDialect<>(this::render);

    private HotStatement(Function<Slots, Query> shape, Field<?>[] selected) {
        this.shape = shape;
        Slots slots = new Slots();
        shape.apply(slots);
        this.types = List.copyOf(slots.types);
        this.selected = selected;
    }

    /** An INSERT, UPDATE or DELETE. */
    static HotStatement update(Function<Slots, Query> shape) {
        return new HotStatement(shape, null);
    }

    /** A SELECT of exactly {@code fields}, in this order. */
    static HotStatement select(List<? extends Field<?>> fields, Function<Slots, Query> shape) {
        return new HotStatement(shape, fields.toArray(Field<?>[]::new));
    }

    int execute(DSLContext dsl, Object... values) {
        return run(dsl, values, st -> st.executeUpdate());
    }

    /** The first row, or null when there is none. */
    Record fetchFirst(DSLContext dsl, Object... values) {
        return run(dsl, values, st -> {
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? record(dsl, rs) : null;
            }
        });
    }

    boolean exists(DSLContext dsl, Object... values) {
        return run(dsl, values, st -> {
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** The rendered SQL, to send with other statements in one round trip ({@link OneRoundTrip}). */
    String sql(DSLContext dsl) {
        return rendered.get(dsl).sql();
    }

    /** Binds {@code values} to this statement's placeholders, shifted by {@code offset} earlier parameters. */
    void bind(DSLContext dsl, PreparedStatement st, int offset, Object... values) throws SQLException {
        if (values.length != types.size()) {
            throw new IllegalArgumentException("expected " + types.size() + " values, got " + values.length);
        }
        Rendered rendered = this.rendered.get(dsl);
        boolean pg = dsl.dialect() == SQLDialect.POSTGRES;
        for (int i = 0; i < values.length; i++) {
            bind(st, offset + rendered.positions()[i], types.get(i), values[i], pg);
        }
    }

    int parameterCount() {
        return types.size();
    }

    private interface Work<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }

    private <T> T run(DSLContext dsl, Object[] values, Work<T> work) {
        if (values.length != types.size()) {
            throw new IllegalArgumentException("expected " + types.size() + " values, got " + values.length);
        }
        Rendered rendered = this.rendered.get(dsl);
        boolean pg = dsl.dialect() == SQLDialect.POSTGRES;
        ConnectionProvider provider = dsl.configuration().connectionProvider();
        Connection connection = provider.acquire();
        try {
            PreparedStatement st = StatementCache.prepare(connection, rendered.sql());
            try {
                for (int i = 0; i < values.length; i++) {
                    bind(st, rendered.positions()[i], types.get(i), values[i], pg);
                }
                T result = work.apply(st);
                StatementCache.release(connection, st);
                return result;
            } catch (SQLException | RuntimeException e) {
                StatementCache.discard(connection, st);
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        } finally {
            provider.release(connection);
        }
    }

    /** Renders with "?" placeholders and finds where each placeholder ended up in the statement. */
    private Rendered render(DSLContext dsl) {
        Query query = shape.apply(new Slots());
        DSLContext renderer = DSL.using(dsl.dialect(), ((org.jooq.conf.Settings) dsl.settings().clone()).withParamType(ParamType.INDEXED));
        String sql = renderer.render(query);
        // Bind values in rendering order; every one of them must be a placeholder of this shape, used once.
        List<String> names = boundNames(renderer, query);
        if (names.size() != types.size() || renderer.extractBindValues(query).size() != types.size()
                || !names.stream().allMatch(n -> n.matches("h\\d+"))) {
            throw new IllegalStateException("every value of a hot statement must be a placeholder used once: " + sql);
        }
        int[] positions = new int[types.size()];
        for (int i = 0; i < names.size(); i++) {
            positions[Integer.parseInt(names.get(i).substring(1))] = i + 1;
        }
        return new Rendered(sql, positions);
    }

    private static List<String> boundNames(DSLContext renderer, Query query) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Param<?>> e : renderer.extractParams(query).entrySet()) {
            if (!e.getValue().isInline()) {
                names.add(e.getKey());
            }
        }
        return names;
    }

    private Record record(DSLContext dsl, ResultSet rs) throws SQLException {
        boolean pg = dsl.dialect() == SQLDialect.POSTGRES;
        Object[] values = new Object[selected.length];
        for (int i = 0; i < selected.length; i++) {
            values[i] = read(rs, i + 1, selected[i].getDataType(), pg);
        }
        Record record = dsl.newRecord(selected);
        record.fromArray(values);
        return record;
    }

    @SuppressWarnings("unchecked")
    private static void bind(PreparedStatement st, int index, DataType<?> type, Object value, boolean pg)
            throws SQLException {
        if (type.getBinding() instanceof DialectBinding<?> binding) {
            ((DialectBinding<Object>) binding).write(st, index, value, pg);
            return;
        }
        Class<?> t = type.getType();
        if (value == null) {
            st.setNull(index, type.getSQLType());
        } else if (t == String.class) {
            st.setString(index, (String) value);
        } else if (t == Integer.class) {
            st.setInt(index, (Integer) value);
        } else if (t == Long.class) {
            st.setLong(index, (Long) value);
        } else if (t == Double.class) {
            st.setDouble(index, (Double) value);
        } else if (t == Boolean.class) {
            st.setBoolean(index, (Boolean) value);
        } else {
            throw new IllegalArgumentException("no hot binding for " + t);
        }
    }

    private static Object read(ResultSet rs, int index, DataType<?> type, boolean pg) throws SQLException {
        if (type.getBinding() instanceof DialectBinding<?> binding) {
            return binding.read(rs, index, pg);
        }
        Class<?> t = type.getType();
        Object value;
        if (t == String.class) {
            return rs.getString(index);
        } else if (t == Integer.class) {
            value = rs.getInt(index);
        } else if (t == Long.class) {
            value = rs.getLong(index);
        } else if (t == Double.class) {
            value = rs.getDouble(index);
        } else if (t == Boolean.class) {
            value = rs.getBoolean(index);
        } else {
            throw new IllegalArgumentException("no hot binding for " + t);
        }
        return rs.wasNull() ? null : value;
    }
}
