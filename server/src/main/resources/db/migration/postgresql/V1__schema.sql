-- Baton schema for PostgreSQL. Timestamps are timestamptz (UTC), JSON columns jsonb,
-- durations are double precision seconds. Every table has id, created, updated.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE flow (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    tags jsonb NOT NULL DEFAULT '[]',
    labels jsonb,
    CONSTRAINT uq_flow__name UNIQUE (name)
);
CREATE INDEX ix_flow__created ON flow (created);
CREATE INDEX ix_flow__updated ON flow (updated);
CREATE INDEX trgm_ix_flow_name ON flow USING gin (name gin_trgm_ops);

CREATE TABLE work_pool (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    description text,
    type text NOT NULL,
    base_job_template jsonb NOT NULL DEFAULT '{}',
    is_paused boolean NOT NULL DEFAULT false,
    default_queue_id uuid,
    concurrency_limit integer,
    status text NOT NULL DEFAULT 'NOT_READY',
    last_transitioned_status_at timestamptz,
    last_status_event_id uuid,
    storage_configuration jsonb NOT NULL DEFAULT '{}',
    CONSTRAINT uq_work_pool__name UNIQUE (name)
);
CREATE INDEX ix_work_pool__updated ON work_pool (updated);
CREATE INDEX ix_work_pool__type ON work_pool (type);

CREATE TABLE work_queue (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    work_pool_id uuid NOT NULL REFERENCES work_pool (id) ON DELETE CASCADE,
    filter jsonb,
    description text NOT NULL DEFAULT '',
    is_paused boolean NOT NULL DEFAULT false,
    concurrency_limit integer,
    priority integer NOT NULL,
    last_polled timestamptz,
    status text NOT NULL DEFAULT 'NOT_READY',
    CONSTRAINT uq_work_queue__work_pool_id_name UNIQUE (work_pool_id, name)
);
CREATE INDEX ix_work_queue__updated ON work_queue (updated);
CREATE INDEX ix_work_queue__work_pool_id_priority ON work_queue (work_pool_id, priority);
CREATE INDEX trgm_ix_work_queue_name ON work_queue USING gin (name gin_trgm_ops);
ALTER TABLE work_pool ADD CONSTRAINT fk_work_pool__default_queue_id
    FOREIGN KEY (default_queue_id) REFERENCES work_queue (id) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE worker (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    work_pool_id uuid NOT NULL REFERENCES work_pool (id) ON DELETE CASCADE,
    name text NOT NULL,
    last_heartbeat_time timestamptz NOT NULL DEFAULT now(),
    heartbeat_interval_seconds integer,
    status text NOT NULL DEFAULT 'OFFLINE',
    CONSTRAINT uq_worker__work_pool_id_name UNIQUE (work_pool_id, name)
);
CREATE INDEX ix_worker__updated ON worker (updated);
CREATE INDEX ix_worker__work_pool_id_last_heartbeat_time ON worker (work_pool_id, last_heartbeat_time);

CREATE TABLE concurrency_limit_v2 (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    active boolean NOT NULL DEFAULT true,
    name text NOT NULL,
    "limit" integer NOT NULL,
    active_slots integer NOT NULL DEFAULT 0,
    denied_slots integer NOT NULL DEFAULT 0,
    slot_decay_per_second double precision NOT NULL DEFAULT 0,
    avg_slot_occupancy_seconds double precision NOT NULL DEFAULT 2.0,
    CONSTRAINT uq_concurrency_limit_v2__name UNIQUE (name)
);
CREATE INDEX ix_concurrency_limit_v2__updated ON concurrency_limit_v2 (updated);

-- Leases live in the database so that every replica sees them and a restart loses none.
CREATE TABLE concurrency_lease (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    resource_ids jsonb NOT NULL DEFAULT '[]',
    expiration timestamptz NOT NULL,
    slots integer NOT NULL DEFAULT 1,
    holder_type text,
    holder_id uuid,
    metadata jsonb
);
CREATE INDEX ix_concurrency_lease__expiration ON concurrency_lease (expiration);
CREATE INDEX ix_concurrency_lease__holder_id ON concurrency_lease (holder_id);
CREATE INDEX ix_concurrency_lease__updated ON concurrency_lease (updated);

CREATE TABLE concurrency_limit (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    tag text NOT NULL,
    concurrency_limit integer NOT NULL,
    active_slots jsonb NOT NULL DEFAULT '[]',
    CONSTRAINT uq_concurrency_limit__tag UNIQUE (tag)
);
CREATE INDEX ix_concurrency_limit__updated ON concurrency_limit (updated);

CREATE TABLE block_type (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    slug text NOT NULL,
    logo_url text,
    documentation_url text,
    description text,
    code_example text,
    is_protected boolean NOT NULL DEFAULT false,
    CONSTRAINT uq_block_type__slug UNIQUE (slug)
);
CREATE INDEX ix_block_type__updated ON block_type (updated);
CREATE INDEX trgm_ix_block_type_name ON block_type USING gin (name gin_trgm_ops);

CREATE TABLE block_schema (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    checksum text NOT NULL,
    fields jsonb NOT NULL DEFAULT '{}',
    capabilities jsonb NOT NULL DEFAULT '[]',
    version text NOT NULL DEFAULT 'non-versioned',
    block_type_id uuid NOT NULL REFERENCES block_type (id) ON DELETE CASCADE,
    CONSTRAINT uq_block_schema__checksum_version UNIQUE (checksum, version)
);
CREATE INDEX ix_block_schema__updated ON block_schema (updated);
CREATE INDEX ix_block_schema__created ON block_schema (created);
CREATE INDEX ix_block_schema__block_type_id ON block_schema (block_type_id);
CREATE INDEX ix_block_schema__capabilities ON block_schema USING gin (capabilities);

CREATE TABLE block_schema_reference (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    parent_block_schema_id uuid NOT NULL REFERENCES block_schema (id) ON DELETE CASCADE,
    reference_block_schema_id uuid NOT NULL REFERENCES block_schema (id) ON DELETE CASCADE
);
CREATE INDEX ix_block_schema_reference__updated ON block_schema_reference (updated);

CREATE TABLE block_document (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    data text,
    is_anonymous boolean NOT NULL DEFAULT false,
    block_type_name text,
    block_type_id uuid NOT NULL REFERENCES block_type (id) ON DELETE CASCADE,
    block_schema_id uuid NOT NULL REFERENCES block_schema (id) ON DELETE CASCADE,
    CONSTRAINT uq_block_document__block_type_id_name UNIQUE (block_type_id, name)
);
CREATE INDEX ix_block_document__updated ON block_document (updated);
CREATE INDEX ix_block_document__name ON block_document (name);
CREATE INDEX ix_block_document__is_anonymous ON block_document (is_anonymous);
CREATE INDEX ix_block_document__block_type_name_name ON block_document (block_type_name, name);
CREATE INDEX trgm_ix_block_document_name ON block_document USING gin (name gin_trgm_ops);

CREATE TABLE block_document_reference (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    parent_block_document_id uuid NOT NULL REFERENCES block_document (id) ON DELETE CASCADE,
    reference_block_document_id uuid NOT NULL REFERENCES block_document (id) ON DELETE CASCADE,
    CONSTRAINT ck_block_document_reference__not_self CHECK (parent_block_document_id <> reference_block_document_id)
);
CREATE INDEX ix_block_document_reference__updated ON block_document_reference (updated);

CREATE TABLE deployment (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    flow_id uuid NOT NULL REFERENCES flow (id) ON DELETE CASCADE,
    version text,
    description text,
    work_queue_name text,
    work_queue_id uuid REFERENCES work_queue (id) ON DELETE SET NULL,
    infra_overrides jsonb NOT NULL DEFAULT '{}',
    path text,
    entrypoint text,
    last_polled timestamptz,
    status text NOT NULL DEFAULT 'NOT_READY',
    paused boolean NOT NULL DEFAULT false,
    concurrency_limit integer,
    concurrency_limit_id uuid REFERENCES concurrency_limit_v2 (id) ON DELETE SET NULL,
    concurrency_options jsonb,
    tags jsonb NOT NULL DEFAULT '[]',
    labels jsonb,
    parameters jsonb NOT NULL DEFAULT '{}',
    pull_steps jsonb,
    parameter_openapi_schema jsonb,
    enforce_parameter_schema boolean NOT NULL DEFAULT true,
    created_by jsonb,
    updated_by jsonb,
    infrastructure_document_id uuid REFERENCES block_document (id) ON DELETE CASCADE,
    storage_document_id uuid REFERENCES block_document (id) ON DELETE CASCADE,
    version_id uuid,
    CONSTRAINT uq_deployment__flow_id_name UNIQUE (flow_id, name)
);
CREATE INDEX ix_deployment__updated ON deployment (updated);
CREATE INDEX ix_deployment__created ON deployment (created);
CREATE INDEX ix_deployment__flow_id ON deployment (flow_id);
CREATE INDEX ix_deployment__work_queue_name ON deployment (work_queue_name);
CREATE INDEX ix_deployment__work_queue_id ON deployment (work_queue_id);
CREATE INDEX ix_deployment__paused ON deployment (paused);
CREATE INDEX trgm_ix_deployment_name ON deployment USING gin (name gin_trgm_ops);

CREATE TABLE deployment_schedule (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    deployment_id uuid NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
    schedule jsonb NOT NULL,
    active boolean NOT NULL DEFAULT true,
    max_scheduled_runs integer,
    parameters jsonb NOT NULL DEFAULT '{}',
    slug text,
    CONSTRAINT uq_deployment_schedule__deployment_id_slug UNIQUE (deployment_id, slug)
);
CREATE INDEX ix_deployment_schedule__updated ON deployment_schedule (updated);
CREATE INDEX ix_deployment_schedule__deployment_id ON deployment_schedule (deployment_id);
CREATE INDEX ix_deployment_schedule__slug ON deployment_schedule (slug);

CREATE TABLE flow_run (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    state_type text,
    state_name text,
    state_timestamp timestamptz,
    run_count integer NOT NULL DEFAULT 0,
    expected_start_time timestamptz,
    next_scheduled_start_time timestamptz,
    start_time timestamptz,
    end_time timestamptz,
    total_run_time double precision NOT NULL DEFAULT 0,
    flow_id uuid NOT NULL REFERENCES flow (id) ON DELETE CASCADE,
    deployment_id uuid,
    deployment_version text,
    work_queue_name text,
    flow_version text,
    parameters jsonb NOT NULL DEFAULT '{}',
    idempotency_key text,
    context jsonb NOT NULL DEFAULT '{}',
    empirical_policy jsonb NOT NULL DEFAULT '{}',
    tags jsonb NOT NULL DEFAULT '[]',
    labels jsonb,
    created_by jsonb,
    infrastructure_pid text,
    job_variables jsonb NOT NULL DEFAULT '{}',
    infrastructure_document_id uuid,
    parent_task_run_id uuid,
    auto_scheduled boolean NOT NULL DEFAULT false,
    state_id uuid,
    work_queue_id uuid REFERENCES work_queue (id) ON DELETE SET NULL,
    CONSTRAINT uq_flow_run__flow_id_idempotency_key UNIQUE (flow_id, idempotency_key)
);
CREATE INDEX ix_flow_run__updated ON flow_run (updated);
CREATE INDEX ix_flow_run__flow_id ON flow_run (flow_id);
CREATE INDEX ix_flow_run__name ON flow_run (name);
CREATE INDEX ix_flow_run__deployment_id ON flow_run (deployment_id);
CREATE INDEX ix_flow_run__deployment_version ON flow_run (deployment_version);
CREATE INDEX ix_flow_run__work_queue_name ON flow_run (work_queue_name);
CREATE INDEX ix_flow_run__flow_version ON flow_run (flow_version);
CREATE INDEX ix_flow_run__parent_task_run_id ON flow_run (parent_task_run_id);
CREATE INDEX ix_flow_run__state_id ON flow_run (state_id);
CREATE INDEX ix_flow_run__work_queue_id ON flow_run (work_queue_id);
CREATE INDEX ix_flow_run__coalesce_start_time_expected_start_time_asc ON flow_run ((coalesce(start_time, expected_start_time)) ASC);
CREATE INDEX ix_flow_run__coalesce_start_time_expected_start_time_desc ON flow_run ((coalesce(start_time, expected_start_time)) DESC);
CREATE INDEX ix_flow_run__expected_start_time_desc ON flow_run (expected_start_time DESC);
CREATE INDEX ix_flow_run__next_scheduled_start_time_asc ON flow_run (next_scheduled_start_time ASC);
CREATE INDEX ix_flow_run__end_time_desc ON flow_run (end_time DESC);
CREATE INDEX ix_flow_run__start_time ON flow_run (start_time);
CREATE INDEX ix_flow_run__state_type ON flow_run (state_type);
CREATE INDEX ix_flow_run__state_name ON flow_run (state_name);
CREATE INDEX ix_flow_run__state_timestamp ON flow_run (state_timestamp);
CREATE INDEX trgm_ix_flow_run_name ON flow_run USING gin (name gin_trgm_ops);
CREATE INDEX ix_flow_run__deployment_id_auto_scheduled_next_start
    ON flow_run (deployment_id, auto_scheduled, next_scheduled_start_time) WHERE state_type = 'SCHEDULED';
CREATE INDEX ix_flow_run__deployment_id_created_by_id_next_start
    ON flow_run (deployment_id, (created_by ->> 'id'), next_scheduled_start_time) WHERE state_type = 'SCHEDULED' AND auto_scheduled;
-- Worker polling: scheduled runs of a queue in start-time order.
CREATE INDEX ix_flow_run__work_queue_id_scheduled_next_start
    ON flow_run (work_queue_id, next_scheduled_start_time) WHERE state_type = 'SCHEDULED';
-- Pool and queue concurrency: runs holding a slot.
CREATE INDEX ix_flow_run__work_queue_id_active
    ON flow_run (work_queue_id) WHERE state_type IN ('PENDING', 'RUNNING');

CREATE TABLE flow_run_state (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    flow_run_id uuid NOT NULL REFERENCES flow_run (id) ON DELETE CASCADE,
    type text NOT NULL,
    timestamp timestamptz NOT NULL,
    name text NOT NULL,
    message text,
    state_details jsonb NOT NULL DEFAULT '{}',
    data jsonb,
    result_artifact_id uuid
);
CREATE UNIQUE INDEX uq_flow_run_state__flow_run_id_timestamp_desc ON flow_run_state (flow_run_id, timestamp DESC);
CREATE INDEX ix_flow_run_state__updated ON flow_run_state (updated);
CREATE INDEX ix_flow_run_state__type ON flow_run_state (type);
CREATE INDEX ix_flow_run_state__name ON flow_run_state (name);
CREATE INDEX ix_flow_run_state__result_artifact_id ON flow_run_state (result_artifact_id);

CREATE TABLE task_run (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    state_type text,
    state_name text,
    state_timestamp timestamptz,
    run_count integer NOT NULL DEFAULT 0,
    expected_start_time timestamptz,
    next_scheduled_start_time timestamptz,
    start_time timestamptz,
    end_time timestamptz,
    total_run_time double precision NOT NULL DEFAULT 0,
    flow_run_id uuid REFERENCES flow_run (id) ON DELETE CASCADE,
    task_key text NOT NULL,
    dynamic_key text NOT NULL,
    cache_key text,
    cache_expiration timestamptz,
    task_version text,
    flow_run_run_count integer NOT NULL DEFAULT 0,
    empirical_policy jsonb NOT NULL DEFAULT '{}',
    task_inputs jsonb NOT NULL DEFAULT '{}',
    tags jsonb NOT NULL DEFAULT '[]',
    labels jsonb,
    state_id uuid,
    CONSTRAINT uq_task_run__flow_run_id_task_key_dynamic_key UNIQUE (flow_run_id, task_key, dynamic_key)
);
CREATE INDEX ix_task_run__updated ON task_run (updated);
CREATE INDEX ix_task_run__flow_run_id ON task_run (flow_run_id);
CREATE INDEX ix_task_run__name ON task_run (name);
CREATE INDEX ix_task_run__expected_start_time_desc ON task_run (expected_start_time DESC);
CREATE INDEX ix_task_run__next_scheduled_start_time_asc ON task_run (next_scheduled_start_time ASC);
CREATE INDEX ix_task_run__end_time_desc ON task_run (end_time DESC);
CREATE INDEX ix_task_run__start_time ON task_run (start_time);
CREATE INDEX ix_task_run__state_type ON task_run (state_type);
CREATE INDEX ix_task_run__state_type_start_time ON task_run (state_type, start_time);
CREATE INDEX ix_task_run__state_name ON task_run (state_name);
CREATE INDEX ix_task_run__state_timestamp ON task_run (state_timestamp);
CREATE INDEX trgm_ix_task_run_name ON task_run USING gin (name gin_trgm_ops);
ALTER TABLE flow_run ADD CONSTRAINT fk_flow_run__parent_task_run_id
    FOREIGN KEY (parent_task_run_id) REFERENCES task_run (id) ON DELETE SET NULL;

CREATE TABLE task_run_state (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    task_run_id uuid NOT NULL REFERENCES task_run (id) ON DELETE CASCADE,
    type text NOT NULL,
    timestamp timestamptz NOT NULL,
    name text NOT NULL,
    message text,
    state_details jsonb NOT NULL DEFAULT '{}',
    data jsonb,
    result_artifact_id uuid
);
CREATE UNIQUE INDEX uq_task_run_state__task_run_id_timestamp_desc ON task_run_state (task_run_id, timestamp DESC);
CREATE INDEX ix_task_run_state__updated ON task_run_state (updated);
CREATE INDEX ix_task_run_state__type ON task_run_state (type);
CREATE INDEX ix_task_run_state__name ON task_run_state (name);
CREATE INDEX ix_task_run_state__result_artifact_id ON task_run_state (result_artifact_id);

CREATE TABLE task_run_state_cache (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    cache_key text NOT NULL,
    cache_expiration timestamptz,
    task_run_state_id uuid NOT NULL
);
CREATE INDEX ix_task_run_state_cache__updated ON task_run_state_cache (updated);
CREATE INDEX ix_task_run_state_cache__cache_key_created_desc ON task_run_state_cache (cache_key, created DESC);

CREATE TABLE flow_run_input (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    flow_run_id uuid NOT NULL REFERENCES flow_run (id) ON DELETE CASCADE,
    key text NOT NULL,
    value text NOT NULL,
    sender text,
    CONSTRAINT uq_flow_run_input__flow_run_id_key UNIQUE (flow_run_id, key)
);
CREATE INDEX ix_flow_run_input__updated ON flow_run_input (updated);

CREATE TABLE variable (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    value jsonb,
    tags jsonb NOT NULL DEFAULT '[]',
    CONSTRAINT uq_variable__name UNIQUE (name)
);
CREATE INDEX ix_variable__updated ON variable (updated);

CREATE TABLE artifact (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    key text,
    task_run_id uuid,
    flow_run_id uuid,
    type text,
    data jsonb,
    description text,
    metadata_ jsonb
);
CREATE INDEX ix_artifact__updated ON artifact (updated);
CREATE INDEX ix_artifact__key ON artifact (key);
CREATE INDEX ix_artifact__task_run_id ON artifact (task_run_id);
CREATE INDEX ix_artifact__flow_run_id ON artifact (flow_run_id);
CREATE INDEX ix_artifact__key_created_desc ON artifact (key, created DESC);

CREATE TABLE artifact_collection (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    key text NOT NULL,
    latest_id uuid NOT NULL,
    task_run_id uuid,
    flow_run_id uuid,
    type text,
    data jsonb,
    description text,
    metadata_ jsonb,
    CONSTRAINT uq_artifact_collection__key UNIQUE (key)
);
CREATE INDEX ix_artifact_collection__updated ON artifact_collection (updated);
CREATE INDEX ix_artifact_collection__key_latest_id ON artifact_collection (key, latest_id);

CREATE TABLE log (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    level smallint NOT NULL,
    flow_run_id uuid,
    task_run_id uuid,
    message text NOT NULL,
    timestamp timestamptz NOT NULL
);
CREATE INDEX ix_log__updated ON log (updated);
CREATE INDEX ix_log__level ON log (level);
CREATE INDEX ix_log__flow_run_id ON log (flow_run_id);
CREATE INDEX ix_log__task_run_id ON log (task_run_id);
CREATE INDEX ix_log__timestamp ON log (timestamp);
CREATE INDEX ix_log__flow_run_id_timestamp ON log (flow_run_id, timestamp);

CREATE TABLE saved_search (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    filters jsonb NOT NULL DEFAULT '[]',
    CONSTRAINT uq_saved_search__name UNIQUE (name)
);
CREATE INDEX ix_saved_search__updated ON saved_search (updated);

CREATE TABLE configuration (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    key text NOT NULL,
    value jsonb NOT NULL,
    CONSTRAINT uq_configuration__key UNIQUE (key)
);
CREATE INDEX ix_configuration__updated ON configuration (updated);

CREATE TABLE csrf_token (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    token text NOT NULL,
    client text NOT NULL,
    expiration timestamptz NOT NULL,
    CONSTRAINT uq_csrf_token__client UNIQUE (client)
);
CREATE INDEX ix_csrf_token__updated ON csrf_token (updated);
CREATE INDEX ix_csrf_token__expiration ON csrf_token (expiration);

CREATE TABLE events (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    occurred timestamptz NOT NULL,
    event text NOT NULL,
    resource_id text NOT NULL,
    resource jsonb NOT NULL,
    related_resource_ids jsonb NOT NULL DEFAULT '[]',
    related jsonb NOT NULL DEFAULT '[]',
    payload jsonb NOT NULL DEFAULT '{}',
    received timestamptz NOT NULL,
    recorded timestamptz NOT NULL,
    follows uuid
);
CREATE INDEX ix_events__updated ON events (updated);
CREATE INDEX ix_events__occurred ON events (occurred);
CREATE INDEX ix_events__event_id ON events (event, id);
CREATE INDEX ix_events__event_resource_id_occurred ON events (event, resource_id, occurred);
CREATE INDEX ix_events__occurred_id ON events (occurred, id);
CREATE INDEX ix_events__event_occurred_id ON events (event, occurred, id);
CREATE INDEX ix_events__related_resource_ids ON events USING gin (related_resource_ids);

CREATE TABLE event_resources (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    occurred timestamptz NOT NULL,
    resource_id text NOT NULL,
    resource_role text NOT NULL,
    resource jsonb NOT NULL,
    event_id uuid NOT NULL
);
CREATE INDEX ix_event_resources__updated ON event_resources (updated);
CREATE INDEX ix_event_resources__resource_id_occurred ON event_resources (resource_id, occurred);
CREATE INDEX ix_event_resources__occurred ON event_resources (occurred);
CREATE INDEX ix_event_resources__event_id ON event_resources (event_id);

CREATE TABLE automation (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    description text NOT NULL DEFAULT '',
    enabled boolean NOT NULL DEFAULT true,
    tags jsonb NOT NULL DEFAULT '[]',
    trigger jsonb NOT NULL,
    actions jsonb NOT NULL DEFAULT '[]',
    actions_on_trigger jsonb NOT NULL DEFAULT '[]',
    actions_on_resolve jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX ix_automation__updated ON automation (updated);

CREATE TABLE automation_related_resource (
    id uuid PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now(),
    automation_id uuid NOT NULL REFERENCES automation (id) ON DELETE CASCADE,
    resource_id text,
    automation_owned_by_resource boolean NOT NULL DEFAULT false,
    CONSTRAINT uq_automation_related_resource__automation_id_resource_id UNIQUE (automation_id, resource_id)
);
CREATE INDEX ix_automation_related_resource__updated ON automation_related_resource (updated);
CREATE INDEX ix_automation_related_resource__resource_id ON automation_related_resource (resource_id);
