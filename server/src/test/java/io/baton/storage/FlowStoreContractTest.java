package io.baton.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.FilterParser;
import io.baton.domain.filter.Query;
import io.baton.json.Json;
import io.baton.storage.jdbc.JdbcFlowStore;
import io.baton.testing.DbKind;
import io.baton.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The flow store's contract, run on every database. */
@ParameterizedClass
@EnumSource(DbKind.class)
class FlowStoreContractTest {

    @Parameter
    DbKind kind;

    Database db;
    FlowStore flows;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.fresh(kind));
        db.migrate();
        flows = new JdbcFlowStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createOrGetReturnsTheExistingFlow() {
        var first = flows.createOrGet("f", List.of("a"), Json.object());
        var second = flows.createOrGet("f", List.of("b"), null);
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.value().id()).isEqualTo(first.value().id());
        assertThat(second.value().tags()).containsExactly("a");
    }

    @Test
    void concurrentCreatesOfOneNameMakeOneFlow() throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Callable<UUID>> tasks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tasks.add(() -> flows.createOrGet("same", List.of(), null).value().id());
        }
        List<UUID> ids = new ArrayList<>();
        for (Future<UUID> f : pool.invokeAll(tasks)) {
            ids.add(f.get());
        }
        pool.shutdown();
        assertThat(ids).containsOnly(ids.getFirst());
        assertThat(flows.count(Criterion.EVERYTHING)).isEqualTo(1);
    }

    @Test
    void updateDeleteAndFilter() {
        UUID a = flows.createOrGet("a", List.of("x", "y"), null).value().id();
        flows.createOrGet("b", List.of("y"), null);
        assertThat(flows.update(a, Optional.of(List.of("z")), Optional.empty())).isTrue();
        assertThat(flows.read(a).orElseThrow().tags()).containsExactly("z");
        Criterion tagY = FilterParser.parse(Json.read("{\"tags\": {\"all_\": [\"y\"]}}"));
        assertThat(flows.filter(new Query(tagY, null, 10, 0))).extracting("name").containsExactly("b");
        assertThat(flows.filter(new Query(Criterion.EVERYTHING, "NAME_DESC", 10, 0))).extracting("name")
                .containsExactly("b", "a");
        assertThat(flows.delete(a)).isTrue();
        assertThat(flows.delete(a)).isFalse();
        assertThat(flows.readByName("a")).isEmpty();
    }
}
