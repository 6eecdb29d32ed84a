package io.baton.storage.jdbc.filter;

import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.INSTANT;
import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.JSON_LIST;
import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.TEXT;
import static io.baton.storage.jdbc.filter.FilterTarget.ColumnKind.UUID;

import io.baton.storage.jdbc.tables.SmallObjectTables.AutomationTable;
import io.baton.storage.jdbc.tables.SmallObjectTables.VariableTable;

/** Variables and automations as filter targets (no relations). */
public final class SmallObjectFilterTargets {

    private SmallObjectFilterTargets() {}

    public static FilterTarget variable(VariableTable v) {
        return new SimpleTarget() {
            {
                column("id", v.ID, UUID);
                column("name", v.NAME, TEXT);
                column("tags", v.TAGS, JSON_LIST);
            }
        };
    }

    public static FilterTarget automation(AutomationTable a) {
        return new SimpleTarget() {
            {
                column("id", a.ID, UUID);
                column("name", a.NAME, TEXT);
                column("created", a.CREATED, INSTANT);
                column("tags", a.TAGS, JSON_LIST);
            }
        };
    }
}
