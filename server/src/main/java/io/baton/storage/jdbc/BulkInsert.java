package io.baton.storage.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Many rows of one table written in bulk, for generated data: on SQLite one prepared {@code INSERT} executed in
 * JDBC batches, on PostgreSQL {@code COPY ... FROM STDIN} in text format (no statement per row, no bind
 * parameter limit). Values are given in a form both databases read the same way: {@code String} (timestamps in
 * the {@link ColumnTypes#sqliteText} layout, UUIDs and JSON as text), {@code Long}, {@code Integer},
 * {@code Double}, {@code Boolean} or {@code null}.
 */
final class BulkInsert {

    private static final int SQLITE_BATCH_ROWS = 2_000;
    private static final int COPY_BUFFER_BYTES = 1 << 20;

    private final int width;
    private final String insertSql;
    private final String copySql;

    BulkInsert(String table, List<? extends Field<?>> columns) {
        this.width = columns.size();
        String names = columns.stream().map(c -> '"' + c.getName() + '"').collect(Collectors.joining(", "));
        this.insertSql = "insert into \"" + table + "\" (" + names + ") values ("
                + String.join(", ", java.util.Collections.nCopies(width, "?")) + ")";
        this.copySql = "copy \"" + table + "\" (" + names + ") from stdin";
    }

    void write(Connection connection, boolean postgres, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (postgres) {
            copy(connection, rows);
        } else {
            insert(connection, rows);
        }
    }

    private void insert(Connection connection, List<Object[]> rows) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(insertSql)) {
            int pending = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < width; i++) {
                    bind(st, i + 1, row[i]);
                }
                st.addBatch();
                if (++pending == SQLITE_BATCH_ROWS) {
                    st.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                st.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement st, int index, Object value) throws SQLException {
        switch (value) {
            case null -> st.setNull(index, Types.VARCHAR);
            case String s -> st.setString(index, s);
            case Long l -> st.setLong(index, l);
            case Integer n -> st.setInt(index, n);
            case Double d -> st.setDouble(index, d);
            case Boolean b -> st.setInt(index, b ? 1 : 0);
            default -> throw new IllegalArgumentException("no bulk binding for " + value.getClass());
        }
    }

    private void copy(Connection connection, List<Object[]> rows) throws SQLException {
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            Buffer buffer = new Buffer();
            for (Object[] row : rows) {
                for (int i = 0; i < width; i++) {
                    if (i > 0) {
                        buffer.write('\t');
                    }
                    appendCopyText(buffer, row[i]);
                }
                buffer.write('\n');
                if (buffer.size() >= COPY_BUFFER_BYTES) {
                    in.writeToCopy(buffer.bytes(), 0, buffer.size());
                    buffer.reset();
                }
            }
            if (buffer.size() > 0) {
                in.writeToCopy(buffer.bytes(), 0, buffer.size());
            }
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** COPY's text format: {@code \N} is null; backslash, tab, newline and carriage return are escaped. */
    private static void appendCopyText(Buffer out, Object value) {
        switch (value) {
            case null -> out.ascii("\\N");
            case String s -> {
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c >= 0x80) {
                        // Rare in generated data: the rest of the value is encoded at once.
                        out.bytes(s.substring(i).replace("\\", "\\\\").replace("\t", "\\t")
                                .replace("\n", "\\n").replace("\r", "\\r").getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    switch (c) {
                        case '\\' -> out.ascii("\\\\");
                        case '\t' -> out.ascii("\\t");
                        case '\n' -> out.ascii("\\n");
                        case '\r' -> out.ascii("\\r");
                        default -> out.write(c);
                    }
                }
            }
            case Boolean b -> out.write(b ? 't' : 'f');
            default -> out.ascii(value.toString());
        }
    }

    /** A growable byte array without {@code ByteArrayOutputStream}'s per-byte locking. */
    private static final class Buffer {
        private byte[] bytes = new byte[COPY_BUFFER_BYTES + 64 * 1024];
        private int size;

        int size() {
            return size;
        }

        byte[] bytes() {
            return bytes;
        }

        void reset() {
            size = 0;
        }

        void write(char c) {
            if (size == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) c;
        }

        void ascii(String s) {
            for (int i = 0; i < s.length(); i++) {
                write(s.charAt(i));
            }
        }

        void bytes(byte[] more) {
            for (byte b : more) {
                write((char) (b & 0xFF));
            }
        }
    }
}
