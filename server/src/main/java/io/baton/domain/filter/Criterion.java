package io.baton.domain.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A parsed filter, independent of SQL: the storage layer compiles it against its own columns.
 * Field names are the API's (for example {@code name}, {@code state.type}, {@code created_by.id}).
 */
public sealed interface Criterion {

    /** Every part must hold. An empty list matches everything. */
    record All(List<Criterion> parts) implements Criterion {}

    /** At least one part must hold. An empty list matches everything (no criteria given). */
    record Any(List<Criterion> parts) implements Criterion {}

    /** One comparison of a field; {@code values} are raw JSON scalars, typed by the column they meet. */
    record Match(String field, Op op, List<JsonNode> values) implements Criterion {
        public JsonNode value() {
            return values.getFirst();
        }
    }

    /** The object has a related object of kind {@code relation} that matches {@code criterion}. */
    record Related(String relation, Criterion criterion) implements Criterion {}

    /** Matches nothing, e.g. {@code any_: []}. */
    record Nothing() implements Criterion {}

    Criterion EVERYTHING = new All(List.of());
    Criterion NOTHING = new Nothing();

    static boolean isEverything(Criterion c) {
        return c instanceof All all && all.parts().isEmpty() || c instanceof Any any && any.parts().isEmpty();
    }

    /** The comparisons filters can express; each field decides which of them it accepts. */
    enum Op {
        /** {@code any_}: value in list. */
        IN,
        /** {@code not_any_}: value not in list. */
        NOT_IN,
        /** {@code like_}: case-insensitive substring. */
        LIKE,
        /** {@code startswith_}: case-insensitive prefix, any of the list. */
        STARTS_WITH,
        /** {@code before_}: at or before. */
        BEFORE,
        /** {@code after_}: at or after. */
        AFTER,
        /** {@code is_null_: true}. */
        IS_NULL,
        /** {@code is_null_: false}. */
        IS_NOT_NULL,
        /** {@code all_}: JSON list contains every value. */
        CONTAINS_ALL,
        /** {@code any_} on a JSON list: shares at least one value. */
        CONTAINS_ANY,
        /** {@code eq_}. */
        EQ,
        /** {@code ge_}. */
        GE,
        /** {@code le_}. */
        LE,
        /** {@code exists_: true}. */
        EXISTS,
        /** {@code exists_: false}. */
        NOT_EXISTS
    }
}
