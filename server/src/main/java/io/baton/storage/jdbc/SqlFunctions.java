package io.baton.storage.jdbc;

import io.baton.json.Json;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The few SQL expressions that must be spelled differently on SQLite and PostgreSQL. */
public final class SqlFunctions {

    private SqlFunctions() {}

    /** The JSON list column holds every value. */
    public static Condition jsonListContainsAll(SQLDialect dialect, Field<?> list, List<String> values) {
        if (dialect == SQLDialect.POSTGRES) {
            return DSL.condition("{0} @> {1}::jsonb", list, DSL.val(Json.write(values)));
        }
        return DSL.and(values.stream()
                .map(v -> DSL.condition("exists (select 1 from json_each({0}) where json_each.value = {1})", list, DSL.val(v)))
                .toList());
    }

    /** The JSON list column holds at least one of the values. */
    public static Condition jsonListContainsAny(SQLDialect dialect, Field<?> list, List<String> values) {
        if (dialect == SQLDialect.POSTGRES) {
            // jsonb_exists_any is the function behind ?| (a JDBC placeholder clash otherwise).
            return DSL.condition("jsonb_exists_any({0}, {1})", list, DSL.val(values.toArray(new String[0]), SQLDataType.VARCHAR.array()));
        }
        return DSL.condition("exists (select 1 from json_each({0}) where json_each.value in ({1}))",
                list, DSL.list(values.stream().map(DSL::val).toList()));
    }

    public static Condition jsonListIsEmpty(SQLDialect dialect, Field<?> list) {
        if (dialect == SQLDialect.POSTGRES) {
            return DSL.condition("({0} is null or jsonb_array_length({0}) = 0)", list);
        }
        return DSL.condition("({0} is null or json_array_length({0}) = 0)", list);
    }

    /** A top-level key of a JSON object column as text. */
    public static Field<String> jsonText(SQLDialect dialect, Field<?> object, String key) {
        if (dialect == SQLDialect.POSTGRES) {
            return DSL.field("({0} ->> {1})", String.class, object, DSL.inline(key));
        }
        return DSL.field("json_extract({0}, {1})", String.class, object, DSL.inline("$." + key));
    }
}
