package io.baton.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.sqlite.SQLiteConnection;

/**
 * Prepared statements of the hot path kept open per SQLite connection. sqlite-jdbc has no statement cache, so
 * every execution would otherwise compile its SQL again ({@code sqlite3_prepare}). The statements are prepared
 * on the driver's own connection (not the pool's proxy, which closes its statements when the connection goes
 * back to the pool) and live as long as that connection; a pool that replaces the connection starts a new
 * cache. A connection serves one transaction at a time, so each per-connection map has one user at a time.
 *
 * <p>PostgreSQL needs none of this: pgjdbc caches parsed statements and server-side plans per connection by SQL
 * text, which stays the same because {@link HotStatement} renders it once.
 */
final class StatementCache {

    private StatementCache() {}

    private static final Map<Connection, Map<String, PreparedStatement>> SQLITE =
            Collections.synchronizedMap(new WeakHashMap<>());

    static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        Connection sqlite = sqlite(connection);
        if (sqlite == null) {
            return connection.prepareStatement(sql);
        }
        Map<String, PreparedStatement> statements = SQLITE.computeIfAbsent(sqlite, c -> new HashMap<>());
        PreparedStatement st = statements.get(sql);
        if (st == null || st.isClosed()) {
            st = sqlite.prepareStatement(sql);
            statements.put(sql, st);
        } else {
            st.clearParameters();
        }
        return st;
    }

    /** After a successful execution: kept for the next one on SQLite, closed otherwise. */
    static void release(Connection connection, PreparedStatement st) throws SQLException {
        if (sqlite(connection) == null) {
            st.close();
        }
    }

    /** After a failed execution: never reused, whatever state the driver left it in. */
    static void discard(Connection connection, PreparedStatement st) {
        Connection sqlite = sqlite(connection);
        if (sqlite != null) {
            Map<String, PreparedStatement> statements = SQLITE.get(sqlite);
            if (statements != null) {
                statements.values().remove(st);
            }
        }
        try {
            st.close();
        } catch (SQLException ignored) {
            // Closing is best effort; the statement is dropped either way.
        }
    }

    private static Connection sqlite(Connection connection) {
        try {
            return connection.isWrapperFor(SQLiteConnection.class) ? connection.unwrap(SQLiteConnection.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
