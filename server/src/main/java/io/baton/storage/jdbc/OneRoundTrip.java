package io.baton.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Several statements sent to PostgreSQL as one prepared statement: pgjdbc sends the statements of a
 * multi-statement text together and waits for their answers once, so a transition's state insert, run update
 * and event insert cost one round trip instead of three. The text of a given combination never changes, so
 * the driver prepares it once per connection. PostgreSQL only: SQLite's writer has no round trips to save.
 */
final class OneRoundTrip {

    /** Binds one statement's values, its first parameter being {@code offset + 1}. */
    interface Binder {
        void bind(Connection connection, PreparedStatement st, int offset) throws SQLException;
    }

    /** Reads the rows one statement returned. */
    interface Reader {
        void read(ResultSet rows) throws SQLException;
    }

    private record Part(String sql, int parameters, Binder binder, Reader reader) {}

    private final DSLContext dsl;
    private final List<Part> parts = new ArrayList<>();

    OneRoundTrip(DSLContext dsl) {
        this.dsl = dsl;
    }

    OneRoundTrip add(HotStatement statement, Object... values) {
        parts.add(new Part(statement.sql(dsl), statement.parameterCount(),
                (c, st, offset) -> statement.bind(dsl, st, offset, values), null));
        return this;
    }

    /** A statement returning rows, which {@code reader} reads once all statements ran. */
    OneRoundTrip add(String sql, int parameters, Binder binder, Reader reader) {
        parts.add(new Part(sql, parameters, binder, reader));
        return this;
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** Sends every statement added, in order, and hands each its rows; an error fails them all. */
    void execute() {
        if (parts.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder();
        for (Part part : parts) {
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            sql.append(part.sql());
        }
        dsl.connection(connection -> {
            try (PreparedStatement st = connection.prepareStatement(sql.toString())) {
                int offset = 0;
                for (Part part : parts) {
                    part.binder().bind(connection, st, offset);
                    offset += part.parameters();
                }
                boolean rows = st.execute();
                for (Part part : parts) {
                    if (rows) {
                        try (ResultSet rs = st.getResultSet()) {
                            if (part.reader() != null) {
                                part.reader().read(rs);
                            }
                        }
                    }
                    rows = st.getMoreResults();
                }
            } catch (SQLException e) {
                throw new DataAccessException(e.getMessage(), e);
            }
        });
        parts.clear();
    }
}
