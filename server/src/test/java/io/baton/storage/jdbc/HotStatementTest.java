package io.baton.storage.jdbc;

import static io.baton.storage.jdbc.tables.FlowTable.FLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.json.Json;
import io.baton.storage.Database;
import io.baton.storage.IntegrityViolationException;
import io.baton.testing.DbKind;
import io.baton.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Statements rendered once bind their values where jOOQ placed them, and survive reuse and failures. */
@ParameterizedClass
@EnumSource(DbKind.class)
class HotStatementTest {

    @Parameter
    DbKind kind;

    Database db;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.fresh(kind));
        db.migrate();
    }

    @AfterEach
    void close() {
        db.close();
    }

    // Placeholders created in another order than the columns they end up in.
    private static final HotStatement INSERT = HotStatement.update(p -> {
        var name = p.of(FLOW.NAME);
        var labels = p.of(FLOW.LABELS);
        var id = p.of(FLOW.ID);
        var created = p.of(FLOW.CREATED);
        return DSL.insertInto(FLOW.table()).set(FLOW.ID, id).set(FLOW.CREATED, created).set(FLOW.NAME, name)
                .set(FLOW.LABELS, labels);
    });

    private static final HotStatement READ = HotStatement.select(List.of(FLOW.NAME, FLOW.CREATED, FLOW.LABELS),
            p -> DSL.select(FLOW.NAME, FLOW.CREATED, FLOW.LABELS).from(FLOW.table()).where(FLOW.ID.eq(p.of(FLOW.ID))));

    @Test
    void valuesGoWhereTheirPlaceholdersWereRenderedAndReadBackTyped() {
        Instant created = Instant.parse("2026-01-02T03:04:05.123456Z");
        JsonNode labels = Json.read("{\"team\": \"a\"}");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        db.writeVoid(dsl -> {
            assertThat(INSERT.execute(dsl, "first", labels, first, created)).isEqualTo(1);
            assertThat(INSERT.execute(dsl, "second", null, second, created)).isEqualTo(1);
        });

        Record r = db.read(dsl -> READ.fetchFirst(dsl, first));
        assertThat(r.get(FLOW.NAME)).isEqualTo("first");
        assertThat(r.get(FLOW.CREATED)).isEqualTo(created);
        assertThat(r.get(FLOW.LABELS)).isEqualTo(labels);
        Record withoutLabels = db.read(dsl -> READ.fetchFirst(dsl, second));
        assertThat(withoutLabels.get(FLOW.LABELS)).isNull();
        Record missing = db.read(dsl -> READ.fetchFirst(dsl, UUID.randomUUID()));
        assertThat(missing == null).isTrue();
        // What jOOQ itself reads from the same row.
        Record viaJooq = db.read(dsl -> dsl.select(FLOW.NAME, FLOW.CREATED).from(FLOW.table())
                .where(FLOW.ID.eq(first)).fetchOne());
        assertThat(viaJooq.get(FLOW.NAME)).isEqualTo("first");
        assertThat(viaJooq.get(FLOW.CREATED)).isEqualTo(created);
    }

    @Test
    void aFailedExecutionDoesNotSpoilTheNextOne() {
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        db.writeVoid(dsl -> INSERT.execute(dsl, "same", null, UUID.randomUUID(), now));
        assertThatThrownBy(() -> db.writeVoid(dsl -> INSERT.execute(dsl, "same", null, UUID.randomUUID(), now)))
                .isInstanceOf(IntegrityViolationException.class);
        UUID id = UUID.randomUUID();
        db.writeVoid(dsl -> INSERT.execute(dsl, "other", null, id, now));
        Record other = db.read(dsl -> READ.fetchFirst(dsl, id));
        assertThat(other.get(FLOW.NAME)).isEqualTo("other");
    }

    @Test
    void aPlaceholderUsedTwiceIsRefused() {
        HotStatement twice = HotStatement.update(p -> {
            var at = p.of(FLOW.CREATED);
            return DSL.update(FLOW.table()).set(FLOW.CREATED, at).set(FLOW.UPDATED, at).where(FLOW.ID.eq(p.of(FLOW.ID)));
        });
        assertThatThrownBy(() -> db.writeVoid(dsl -> twice.execute(dsl, Instant.now(), UUID.randomUUID())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aValueThatIsNotAPlaceholderIsRefused() {
        HotStatement inlined = HotStatement.update(p -> DSL.update(FLOW.table()).set(FLOW.NAME, "fixed")
                .where(FLOW.ID.eq(p.of(FLOW.ID))));
        assertThatThrownBy(() -> db.writeVoid(dsl -> inlined.execute(dsl, UUID.randomUUID())))
                .isInstanceOf(IllegalStateException.class);
    }
}
