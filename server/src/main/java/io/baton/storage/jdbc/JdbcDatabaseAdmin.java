package io.baton.storage.jdbc;

import io.baton.storage.Database;
import io.baton.storage.DatabaseAdmin;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * {@link DatabaseAdmin} on both dialects. Foreign keys are deferred to the commit (SQLite) or handled by one
 * {@code TRUNCATE}/{@code DROP ... CASCADE} over every table (PostgreSQL), so no table order is needed.
 */
public final class JdbcDatabaseAdmin implements DatabaseAdmin {

    /** What {@link #clear} keeps: the registered block types and schemas, and the migration history. */
    private static final Set<String> KEPT = Set.of("block_type", "block_schema", "block_schema_reference",
            "flyway_schema_history");

    private final Database db;
    private final Runnable afterCreate;

    /** {@code afterCreate}: what start-up does after migrating (registering the system block types). */
    public JdbcDatabaseAdmin(Database db, Runnable afterCreate) {
        this.db = db;
        this.afterCreate = afterCreate;
    }

    @Override
    public void clear() {
        db.writeVoid(dsl -> {
            List<String> tables = tables(dsl).stream().filter(t -> !KEPT.contains(t)).toList();
            if (tables.isEmpty()) {
                return;
            }
            if (dsl.dialect() == SQLDialect.SQLITE) {
                dsl.execute("PRAGMA defer_foreign_keys = ON");
                tables.forEach(t -> dsl.execute("DELETE FROM \"" + t + "\""));
            } else {
                dsl.execute("TRUNCATE " + quoted(tables));
            }
        });
    }

    @Override
    public void drop() {
        db.writeVoid(dsl -> {
            List<String> tables = tables(dsl);
            if (tables.isEmpty()) {
                return;
            }
            if (dsl.dialect() == SQLDialect.SQLITE) {
                dsl.execute("PRAGMA defer_foreign_keys = ON");
                childrenFirst(dsl, tables).forEach(t -> dsl.execute("DROP TABLE IF EXISTS \"" + t + "\""));
            } else {
                dsl.execute("DROP TABLE IF EXISTS " + quoted(tables) + " CASCADE");
            }
        });
    }

    @Override
    public void create() {
        db.migrate();
        afterCreate.run();
    }

    private static List<String> tables(DSLContext dsl) {
        if (dsl.dialect() == SQLDialect.SQLITE) {
            return dsl.fetch("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                    .getValues(0, String.class);
        }
        return dsl.fetch("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                .getValues(0, String.class);
    }

    /**
     * SQLite: the tables in an order that drops every table before the tables it references (dropping a parent
     * first leaves its children's foreign keys pointing at nothing, which SQLite refuses).
     */
    private static List<String> childrenFirst(DSLContext dsl, List<String> tables) {
        java.util.Map<String, Set<String>> parents = new java.util.HashMap<>();
        for (String t : tables) {
            Set<String> refs = new java.util.HashSet<>(dsl.fetch("SELECT \"table\" FROM pragma_foreign_key_list(?)", t)
                    .getValues(0, String.class));
            refs.remove(t);
            parents.put(t, refs);
        }
        List<String> order = new java.util.ArrayList<>();
        Set<String> left = new java.util.LinkedHashSet<>(tables);
        while (!left.isEmpty()) {
            // A table no remaining table references goes next; a cycle (none today) falls back to any table.
            String next = left.stream()
                    .filter(t -> left.stream().noneMatch(other -> parents.get(other).contains(t)))
                    .findFirst().orElse(left.iterator().next());
            order.add(next);
            left.remove(next);
        }
        return order;
    }

    private static String quoted(List<String> tables) {
        return String.join(", ", tables.stream().map(t -> "\"" + t + "\"").toList());
    }
}
