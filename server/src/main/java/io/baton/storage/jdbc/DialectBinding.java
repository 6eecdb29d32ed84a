package io.baton.storage.jdbc;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;

/** A column binding whose JDBC representation depends on the dialect (see {@link ColumnTypes}). */
abstract class DialectBinding<U> implements Binding<Object, U> {

    private final Converter<Object, U> converter;

    @SuppressWarnings("unchecked")
    DialectBinding(Class<U> type) {
        this.converter = Converter.ofNullable(Object.class, type, o -> (U) o, u -> u);
    }

    static boolean postgres(SQLDialect family) {
        return family == SQLDialect.POSTGRES;
    }

    /** The value as an SQL literal (for inlined statements). */
    abstract String literal(U value, boolean postgres);

    /** The placeholder, with a cast where PostgreSQL needs one. */
    abstract String placeholder(boolean postgres);

    abstract U read(java.sql.ResultSet rs, int index, boolean postgres) throws SQLException;

    abstract void write(java.sql.PreparedStatement st, int index, U value, boolean postgres) throws SQLException;

    @Override
    public Converter<Object, U> converter() {
        return converter;
    }

    @Override
    public void sql(BindingSQLContext<U> ctx) {
        boolean pg = postgres(ctx.family());
        if (ctx.render().paramType() == ParamType.INLINED) {
            ctx.render().sql(ctx.value() == null ? "null" : literal(ctx.value(), pg));
        } else {
            ctx.render().sql(placeholder(pg));
        }
    }

    @Override
    public void register(BindingRegisterContext<U> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public void set(BindingSetStatementContext<U> ctx) throws SQLException {
        write(ctx.statement(), ctx.index(), ctx.value(), postgres(ctx.family()));
    }

    @Override
    public void set(BindingSetSQLOutputContext<U> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public void get(BindingGetResultSetContext<U> ctx) throws SQLException {
        ctx.value(read(ctx.resultSet(), ctx.index(), postgres(ctx.family())));
    }

    @Override
    public void get(BindingGetStatementContext<U> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public void get(BindingGetSQLInputContext<U> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
