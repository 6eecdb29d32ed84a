-- Which replica delivers a deferred task run to a task worker (used on PostgreSQL, where replicas share the
-- database; kept in the SQLite schema so both dialects have the same tables). id is the task run's id.
CREATE TABLE task_run_delivery (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    claimed_by TEXT NOT NULL,
    claimed_until TEXT NOT NULL,
    acknowledged INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_task_run_delivery__claimed_until ON task_run_delivery (claimed_until);
