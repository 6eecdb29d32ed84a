package io.baton.storage.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.json.Json;
import io.baton.json.UtcMicros;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/**
 * Column types that differ between the two databases, so that one query serves both:
 * timestamps are timestamptz on PostgreSQL and fixed-width UTC text on SQLite (text order = time order),
 * JSON is jsonb on PostgreSQL and text on SQLite, UUIDs are native on PostgreSQL and text on SQLite.
 */
public final class ColumnTypes {

    private ColumnTypes() {}

    /** Always six fraction digits, so that SQLite compares timestamps correctly as text. */
    public static final DateTimeFormatter SQLITE_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    public static String sqliteText(Instant instant) {
        return UtcMicros.format(instant, SQLITE_TIMESTAMP);
    }

    public static Instant parseSqliteText(String s) {
        return UtcMicros.parse(s);
    }

    private static final DialectBinding<Instant> INSTANT_BINDING = new DialectBinding<>(Instant.class) {
        @Override
        String literal(Instant value, boolean pg) {
            return pg ? quote(value.toString()) + "::timestamptz" : quote(sqliteText(value));
        }

        @Override
        String placeholder(boolean pg) {
            return pg ? "?::timestamptz" : "?";
        }

        @Override
        Instant read(ResultSet rs, int index, boolean pg) throws SQLException {
            if (pg) {
                OffsetDateTime odt = rs.getObject(index, OffsetDateTime.class);
                return odt == null ? null : odt.toInstant();
            }
            String s = rs.getString(index);
            return s == null ? null : parseSqliteText(s);
        }

        @Override
        void write(PreparedStatement st, int index, Instant value, boolean pg) throws SQLException {
            if (value == null) {
                st.setNull(index, pg ? Types.TIMESTAMP_WITH_TIMEZONE : Types.VARCHAR);
            } else if (pg) {
                st.setObject(index, value.atOffset(ZoneOffset.UTC));
            } else {
                st.setString(index, sqliteText(value));
            }
        }
    };

    private static final DialectBinding<JsonNode> JSON_BINDING = new DialectBinding<>(JsonNode.class) {
        @Override
        String literal(JsonNode value, boolean pg) {
            return value.isNull() ? "null" : quote(Json.write(value)) + (pg ? "::jsonb" : "");
        }

        @Override
        String placeholder(boolean pg) {
            return pg ? "?::jsonb" : "?";
        }

        @Override
        JsonNode read(ResultSet rs, int index, boolean pg) throws SQLException {
            if (pg) {
                String s = rs.getString(index);
                return s == null ? null : Json.read(s);
            }
            // SQLite hands out the stored UTF-8 as is: parsing bytes skips a String and Jackson's char reader.
            byte[] utf8 = rs.getBytes(index);
            return utf8 == null ? null : readJson(utf8);
        }

        @Override
        void write(PreparedStatement st, int index, JsonNode value, boolean pg) throws SQLException {
            // JSON null is stored as SQL NULL, as Prefect does.
            if (value == null || value.isNull() || value.isMissingNode()) {
                st.setNull(index, Types.VARCHAR);
            } else {
                st.setString(index, Json.write(value));
            }
        }
    };

    /** Most JSON columns of a run hold {@code {}} or {@code []}: those need no parser (fresh, mutable nodes). */
    static JsonNode readJson(byte[] utf8) {
        if (utf8.length == 2 && utf8[0] == '{' && utf8[1] == '}') {
            return Json.object();
        }
        if (utf8.length == 2 && utf8[0] == '[' && utf8[1] == ']') {
            return Json.array();
        }
        return Json.read(utf8);
    }

    private static final DialectBinding<UUID> UUID_BINDING = new DialectBinding<>(UUID.class) {
        @Override
        String literal(UUID value, boolean pg) {
            return quote(value.toString()) + (pg ? "::uuid" : "");
        }

        @Override
        String placeholder(boolean pg) {
            return "?";
        }

        @Override
        UUID read(ResultSet rs, int index, boolean pg) throws SQLException {
            if (pg) {
                return rs.getObject(index, UUID.class);
            }
            String s = rs.getString(index);
            return s == null ? null : UUID.fromString(s);
        }

        @Override
        void write(PreparedStatement st, int index, UUID value, boolean pg) throws SQLException {
            if (value == null) {
                st.setNull(index, pg ? Types.OTHER : Types.VARCHAR);
            } else if (pg) {
                st.setObject(index, value);
            } else {
                st.setString(index, value.toString());
            }
        }
    };

    public static final DataType<Instant> INSTANT = SQLDataType.OTHER.asConvertedDataType(INSTANT_BINDING);
    public static final DataType<JsonNode> JSON = SQLDataType.OTHER.asConvertedDataType(JSON_BINDING);
    public static final DataType<UUID> UUID_TYPE = SQLDataType.OTHER.asConvertedDataType(UUID_BINDING);
}
