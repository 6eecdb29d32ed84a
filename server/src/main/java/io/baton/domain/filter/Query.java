package io.baton.domain.filter;

/** What a list route asks of storage: which objects, in which order, which slice. */
public record Query(Criterion criterion, String sort, int limit, int offset) {

    public static Query all(Criterion criterion) {
        return new Query(criterion, null, Integer.MAX_VALUE, 0);
    }
}
