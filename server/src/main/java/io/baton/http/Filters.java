package io.baton.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.FilterParser;
import io.baton.domain.filter.Query;
import io.baton.storage.jdbc.filter.FilterTargets;

/** Reads the cross-object filter keys and paging of a list request body into a {@link Query}. */
public final class Filters {

    private Filters() {}

    /** The filter keys of {@code body} (flows, flow_runs, task_runs, ...) as seen from {@code self}. */
    public static Criterion criterion(JsonNode body, String self) {
        return FilterParser.parseBody(body, self, FilterTargets.BODY_KEYS);
    }

    public static Query query(JsonNode body, String self, int maxLimit) {
        return new Query(criterion(body, self), Paging.sort(body), Paging.limit(body, maxLimit), Paging.offset(body));
    }
}
