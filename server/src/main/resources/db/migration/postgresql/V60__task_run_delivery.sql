-- Which replica delivers a deferred task run to a task worker: the first to claim it; a claim not acknowledged
-- by claimed_until (its replica died mid-delivery) may be taken over. id is the task run's id.
CREATE TABLE task_run_delivery (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    claimed_by text NOT NULL,
    claimed_until timestamptz NOT NULL,
    acknowledged boolean NOT NULL DEFAULT false
);
CREATE INDEX ix_task_run_delivery__claimed_until ON task_run_delivery (claimed_until);
