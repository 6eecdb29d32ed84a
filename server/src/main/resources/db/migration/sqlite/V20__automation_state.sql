-- Trigger counting state and the durable queue of actions to run, so a restart neither loses nor repeats a firing.
CREATE TABLE automation_bucket (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    automation_id TEXT NOT NULL REFERENCES automation (id) ON DELETE CASCADE,
    trigger_id TEXT NOT NULL,
    bucketing_key TEXT NOT NULL,
    start TEXT NOT NULL,
    "end" TEXT NOT NULL,
    count INTEGER NOT NULL,
    last_event TEXT,
    CONSTRAINT uq_automation_bucket__automation_id_trigger_id_bucketing_key UNIQUE (automation_id, trigger_id, bucketing_key)
);
CREATE INDEX ix_automation_bucket__end ON automation_bucket ("end");

CREATE TABLE composite_trigger_child_firing (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    automation_id TEXT NOT NULL REFERENCES automation (id) ON DELETE CASCADE,
    parent_trigger_id TEXT NOT NULL,
    child_trigger_id TEXT NOT NULL,
    child_firing_id TEXT NOT NULL,
    child_fired_at TEXT NOT NULL,
    child_firing TEXT NOT NULL,
    CONSTRAINT uq_composite_trigger_child_firing__a_p_c UNIQUE (automation_id, parent_trigger_id, child_trigger_id)
);

CREATE TABLE automation_pending_action (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    automation_id TEXT NOT NULL,
    action_index INTEGER NOT NULL,
    action TEXT NOT NULL,
    firing TEXT NOT NULL,
    claimed_until TEXT
);
CREATE INDEX ix_automation_pending_action__created ON automation_pending_action (created);
