package io.baton.domain.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterParserTest {

    @Test
    void emptyAnyMatchesNothingAndEmptyNotAnyIsIgnored() {
        assertThat(FilterParser.parse(Json.read("{\"id\": {\"any_\": []}}"))).isEqualTo(Criterion.NOTHING);
        assertThat(Criterion.isEverything(FilterParser.parse(Json.read("{\"id\": {\"not_any_\": []}}")))).isTrue();
        assertThat(Criterion.isEverything(FilterParser.parse(Json.read("{\"name\": {\"like_\": \"\"}}")))).isTrue();
    }

    @Test
    void nestedFieldsAndOperators() {
        Criterion c = FilterParser.parse(Json.read(
                "{\"operator\": \"or_\", \"state\": {\"type\": {\"any_\": [\"RUNNING\"]}}, \"tags\": {\"any_\": [\"a\"]}}"));
        assertThat(c).isInstanceOf(Criterion.Any.class);
        var parts = ((Criterion.Any) c).parts();
        assertThat(parts).extracting(p -> ((Criterion.Match) p).field()).containsExactlyInAnyOrder("state.type", "tags");
        assertThat(parts).extracting(p -> ((Criterion.Match) p).op())
                .containsExactlyInAnyOrder(Criterion.Op.IN, Criterion.Op.CONTAINS_ANY);
    }

    @Test
    void createdByListsAreSubFields() {
        Criterion c = FilterParser.parse(Json.read("{\"created_by\": {\"type_\": [\"SCHEDULE\"]}}"));
        assertThat(((Criterion.Match) c).field()).isEqualTo("created_by.type");
    }

    @Test
    void bodyKeysBecomeRelations() {
        Criterion c = FilterParser.parseBody(Json.read(
                "{\"flows\": {\"name\": {\"any_\": [\"f\"]}}, \"flow_runs\": {\"id\": {\"any_\": [\"x\"]}}, \"limit\": 5}"),
                "flow", Map.of("flows", "flow", "flow_runs", "flow_run"));
        assertThat(c).isInstanceOf(Criterion.All.class);
        assertThat(((Criterion.All) c).parts()).anySatisfy(p -> assertThat(p).isInstanceOf(Criterion.Related.class));
    }
}
