package io.baton.domain.schedule;

import java.util.List;

/** Outcome of reading a schedule document: the schedule, or every reason it was rejected. */
public sealed interface ScheduleParseResult<T> {

    record Valid<T>(T value) implements ScheduleParseResult<T> {
    }

    record Invalid<T>(List<ScheduleViolation> violations) implements ScheduleParseResult<T> {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }

    static <T> ScheduleParseResult<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> ScheduleParseResult<T> invalid(List<ScheduleViolation> violations) {
        return new Invalid<>(violations);
    }

    default boolean isValid() {
        return this instanceof Valid<T>;
    }

    /** The parsed value; throws when invalid (for callers that already checked, and for tests). */
    default T orThrow() {
        if (this instanceof Valid<T>(T value)) {
            return value;
        }
        throw new IllegalStateException("invalid schedule: " + ((Invalid<T>) this).violations());
    }

    default List<ScheduleViolation> violations() {
        return this instanceof Invalid<T> invalid ? invalid.violations() : List.of();
    }
}
