package io.baton.storage;

import io.baton.domain.automation.Automation;
import io.baton.domain.automation.AutomationSpec;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.Query;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Automations and the resources they relate to or are owned by. */
public interface AutomationStore {

    /** Creates the automation; {@code ownerResource} (e.g. {@code prefect.deployment.<id>}) may be null. */
    Automation create(AutomationSpec spec, String ownerResource);

    Optional<Automation> read(UUID id);

    boolean replace(UUID id, AutomationSpec spec);

    boolean setEnabled(UUID id, boolean enabled);

    boolean delete(UUID id);

    List<Automation> filter(Query query);

    /** Every enabled automation (what the trigger engine watches). */
    List<Automation> enabled();

    long count(Criterion criterion);

    List<Automation> relatedTo(String resourceId);

    /** Deletes the automations owned by the resource; returns how many. */
    int deleteOwnedBy(String resourceId);
}
