package io.baton.storage.jdbc.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.Times;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Criterion.Match;
import io.baton.storage.jdbc.SqlFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Compiles a {@link Criterion} into a jOOQ condition for one dialect. Comparison semantics follow Prefect:
 * {@code before_}/{@code after_} are inclusive, NULLs never match a comparison, {@code like_} is a
 * case-insensitive substring and {@code startswith_} a case-insensitive prefix, both SQL patterns whose
 * {@code %} and {@code _} stay wildcards (see {@link #ilike}).
 */
public final class FilterCompiler {

    private final SQLDialect dialect;
    private int aliases;

    public FilterCompiler(SQLDialect dialect) {
        this.dialect = dialect;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /** A table alias unique within the query being built. */
    public String alias(String base) {
        return base + "_f" + (++aliases);
    }

    public Condition compile(Criterion criterion, FilterTarget target) {
        return switch (criterion) {
            case Criterion.All all -> DSL.and(compileAll(all.parts(), target));
            case Criterion.Any any -> any.parts().isEmpty() ? DSL.trueCondition() : DSL.or(compileAll(any.parts(), target));
            case Criterion.Nothing nothing -> DSL.falseCondition();
            case Criterion.Related related -> target.related(related.relation(), related.criterion(), this);
            case Match match -> match(match, target);
        };
    }

    private List<Condition> compileAll(List<Criterion> parts, FilterTarget target) {
        List<Condition> out = new ArrayList<>(parts.size());
        for (Criterion part : parts) {
            out.add(compile(part, target));
        }
        return out;
    }

    private Condition match(Match match, FilterTarget target) {
        Condition special = target.special(match, this);
        if (special != null) {
            return special;
        }
        FilterTarget.Column column = target.column(match.field());
        if (column == null) {
            throw new IllegalArgumentException("Unsupported filter field: " + match.field());
        }
        return compare(column, match);
    }

    @SuppressWarnings("unchecked")
    public Condition compare(FilterTarget.Column column, Match match) {
        Field<Object> field = (Field<Object>) column.field();
        FilterTarget.ColumnKind kind = column.kind();
        if (kind == FilterTarget.ColumnKind.JSON_LIST) {
            return jsonList(field, match);
        }
        return switch (match.op()) {
            case IN -> field.in(values(kind, match.values()));
            case NOT_IN -> field.notIn(values(kind, match.values())).or(field.isNull());
            case LIKE -> ilike((Field<String>) (Field<?>) field, "%" + match.value().asText() + "%");
            case STARTS_WITH -> DSL.or(match.values().stream()
                    .map(v -> ilike((Field<String>) (Field<?>) field, v.asText() + "%"))
                    .toList());
            case BEFORE, LE -> field.le(value(kind, match.value()));
            case AFTER, GE -> field.ge(value(kind, match.value()));
            case EQ -> field.eq(value(kind, match.value()));
            case IS_NULL, NOT_EXISTS -> field.isNull();
            case IS_NOT_NULL, EXISTS -> field.isNotNull();
            case CONTAINS_ALL, CONTAINS_ANY -> throw new IllegalArgumentException(
                    "Field " + match.field() + " is not a list");
        };
    }

    private Condition jsonList(Field<Object> field, Match match) {
        List<String> values = match.values().stream().map(JsonNode::asText).toList();
        return switch (match.op()) {
            case CONTAINS_ALL -> SqlFunctions.jsonListContainsAll(dialect, field, values);
            case CONTAINS_ANY, IN -> SqlFunctions.jsonListContainsAny(dialect, field, values);
            case IS_NULL -> SqlFunctions.jsonListIsEmpty(dialect, field);
            case IS_NOT_NULL -> SqlFunctions.jsonListIsEmpty(dialect, field).not();
            default -> throw new IllegalArgumentException("Unsupported operator on a list: " + match.op());
        };
    }

    private static List<Object> values(FilterTarget.ColumnKind kind, List<JsonNode> nodes) {
        List<Object> out = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            out.add(value(kind, node));
        }
        return out;
    }

    static Object value(FilterTarget.ColumnKind kind, JsonNode node) {
        return switch (kind) {
            case UUID -> UUID.fromString(node.asText());
            case TEXT -> node.asText();
            case INSTANT -> Times.parse(node.asText());
            case INTEGER -> node.asLong();
            case NUMBER -> node.asDouble();
            case BOOLEAN -> node.asBoolean();
            case JSON_LIST -> node.asText();
        };
    }

    /**
     * Prefect's {@code ilike(f"%{value}%")}: the client's text is a pattern, so {@code %} and {@code _} are
     * wildcards there (its schema documents {@code my-block%}). PostgreSQL runs {@code ILIKE} with its default
     * backslash escape; SQLite runs {@code lower(x) LIKE lower(pattern)} without an escape character, as
     * Prefect's server does on each. The pattern is always a bound parameter.
     */
    public static Condition ilike(Field<String> field, String pattern) {
        return field.likeIgnoreCase(pattern);
    }

    /** A literal inside a LIKE pattern with {@code \\} as the escape character. */
    public static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
