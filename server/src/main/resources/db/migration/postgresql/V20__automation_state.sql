-- Trigger counting state and the durable queue of actions to run, so a restart neither loses nor repeats a firing.
CREATE TABLE automation_bucket (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    automation_id uuid NOT NULL REFERENCES automation (id) ON DELETE CASCADE,
    trigger_id uuid NOT NULL,
    bucketing_key text NOT NULL,
    start timestamptz NOT NULL,
    "end" timestamptz NOT NULL,
    count integer NOT NULL,
    last_event jsonb,
    CONSTRAINT uq_automation_bucket__automation_id_trigger_id_bucketing_key UNIQUE (automation_id, trigger_id, bucketing_key)
);
CREATE INDEX ix_automation_bucket__end ON automation_bucket ("end");

CREATE TABLE composite_trigger_child_firing (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    automation_id uuid NOT NULL REFERENCES automation (id) ON DELETE CASCADE,
    parent_trigger_id uuid NOT NULL,
    child_trigger_id uuid NOT NULL,
    child_firing_id uuid NOT NULL,
    child_fired_at timestamptz NOT NULL,
    child_firing jsonb NOT NULL,
    CONSTRAINT uq_composite_trigger_child_firing__a_p_c UNIQUE (automation_id, parent_trigger_id, child_trigger_id)
);

CREATE TABLE automation_pending_action (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    automation_id uuid NOT NULL,
    action_index integer NOT NULL,
    action jsonb NOT NULL,
    firing jsonb NOT NULL,
    claimed_until timestamptz
);
CREATE INDEX ix_automation_pending_action__created ON automation_pending_action (created);
