-- Baton schema for SQLite. Timestamps are fixed-width UTC TEXT (YYYY-MM-DDTHH:MM:SS.ffffffZ) so that TEXT
-- order is time order; JSON columns are text, booleans 0/1, durations REAL seconds.
CREATE TABLE flow (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    labels TEXT,
    CONSTRAINT uq_flow__name UNIQUE (name)
);
CREATE INDEX ix_flow__created ON flow (created);
CREATE INDEX ix_flow__updated ON flow (updated);

CREATE TABLE work_pool (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name TEXT NOT NULL,
    description TEXT,
    type TEXT NOT NULL,
    base_job_template TEXT NOT NULL DEFAULT '{}',
    is_paused INTEGER NOT NULL DEFAULT 0,
    default_queue_id TEXT REFERENCES work_queue (id) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,
    concurrency_limit INTEGER,
    status TEXT NOT NULL DEFAULT 'NOT_READY',
    last_transitioned_status_at TEXT,
    last_status_event_id TEXT,
    storage_configuration TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT uq_work_pool__name UNIQUE (name)
);
CREATE INDEX ix_work_pool__updated ON work_pool (updated);
CREATE INDEX ix_work_pool__type ON work_pool (type);

CREATE TABLE work_queue (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name TEXT NOT NULL,
    work_pool_id TEXT NOT NULL REFERENCES work_pool (id) ON DELETE CASCADE,
    filter TEXT,
    description TEXT NOT NULL DEFAULT '',
    is_paused INTEGER NOT NULL DEFAULT 0,
    concurrency_limit INTEGER,
    priority INTEGER NOT NULL,
    last_polled TEXT,
    status TEXT NOT NULL DEFAULT 'NOT_READY',
    CONSTRAINT uq_work_queue__work_pool_id_name UNIQUE (work_pool_id, name)
);
CREATE INDEX ix_work_queue__updated ON work_queue (updated);
CREATE INDEX ix_work_queue__work_pool_id_priority ON work_queue (work_pool_id, priority);

CREATE TABLE worker (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    work_pool_id TEXT NOT NULL REFERENCES work_pool (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    last_heartbeat_time TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    heartbeat_interval_seconds INTEGER,
    status TEXT NOT NULL DEFAULT 'OFFLINE',
    CONSTRAINT uq_worker__work_pool_id_name UNIQUE (work_pool_id, name)
);
CREATE INDEX ix_worker__updated ON worker (updated);
CREATE INDEX ix_worker__work_pool_id_last_heartbeat_time ON worker (work_pool_id, last_heartbeat_time);

CREATE TABLE concurrency_limit_v2 (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    active INTEGER NOT NULL DEFAULT 1,
    name TEXT NOT NULL,
    "limit" INTEGER NOT NULL,
    active_slots INTEGER NOT NULL DEFAULT 0,
    denied_slots INTEGER NOT NULL DEFAULT 0,
    slot_decay_per_second REAL NOT NULL DEFAULT 0,
    avg_slot_occupancy_seconds REAL NOT NULL DEFAULT 2.0,
    CONSTRAINT uq_concurrency_limit_v2__name UNIQUE (name)
);
CREATE INDEX ix_concurrency_limit_v2__updated ON concurrency_limit_v2 (updated);

-- Leases live in the database so that every replica sees them and a restart loses none.
CREATE TABLE concurrency_lease (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    resource_ids TEXT NOT NULL DEFAULT '[]',
    expiration TEXT NOT NULL,
    slots INTEGER NOT NULL DEFAULT 1,
    holder_type TEXT,
    holder_id TEXT,
    metadata TEXT
);
CREATE INDEX ix_concurrency_lease__expiration ON concurrency_lease (expiration);
CREATE INDEX ix_concurrency_lease__holder_id ON concurrency_lease (holder_id);
CREATE INDEX ix_concurrency_lease__updated ON concurrency_lease (updated);

CREATE TABLE concurrency_limit (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    tag TEXT NOT NULL,
    concurrency_limit INTEGER NOT NULL,
    active_slots TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT uq_concurrency_limit__tag UNIQUE (tag)
);
CREATE INDEX ix_concurrency_limit__updated ON concurrency_limit (updated);

CREATE TABLE block_type (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name TEXT NOT NULL,
    slug TEXT NOT NULL,
    logo_url TEXT,
    documentation_url TEXT,
    description TEXT,
    code_example TEXT,
    is_protected INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT uq_block_type__slug UNIQUE (slug)
);
CREATE INDEX ix_block_type__updated ON block_type (updated);

CREATE TABLE block_schema (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    checksum TEXT NOT NULL,
    fields TEXT NOT NULL DEFAULT '{}',
    capabilities TEXT NOT NULL DEFAULT '[]',
    version TEXT NOT NULL DEFAULT 'non-versioned',
    block_type_id TEXT NOT NULL REFERENCES block_type (id) ON DELETE CASCADE,
    CONSTRAINT uq_block_schema__checksum_version UNIQUE (checksum, version)
);
CREATE INDEX ix_block_schema__updated ON block_schema (updated);
CREATE INDEX ix_block_schema__created ON block_schema (created);
CREATE INDEX ix_block_schema__block_type_id ON block_schema (block_type_id);

CREATE TABLE block_schema_reference (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name TEXT NOT NULL,
    parent_block_schema_id TEXT NOT NULL REFERENCES block_schema (id) ON DELETE CASCADE,
    reference_block_schema_id TEXT NOT NULL REFERENCES block_schema (id) ON DELETE CASCADE
);
CREATE INDEX ix_block_schema_reference__updated ON block_schema_reference (updated);

CREATE TABLE block_document (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name TEXT NOT NULL,
    data TEXT,
    is_anonymous INTEGER NOT NULL DEFAULT 0,
    block_type_name TEXT,
    block_type_id TEXT NOT NULL REFERENCES block_type (id) ON DELETE CASCADE,
    block_schema_id TEXT NOT NULL REFERENCES block_schema (id) ON DELETE CASCADE,
    CONSTRAINT uq_block_document__block_type_id_name UNIQUE (block_type_id, name)
);
CREATE INDEX ix_block_document__updated ON block_document (updated);
CREATE INDEX ix_block_document__name ON block_document (name);
CREATE INDEX ix_block_document__is_anonymous ON block_document (is_anonymous);
CREATE INDEX ix_block_document__block_type_name_name ON block_document (block_type_name, name);

CREATE TABLE block_document_reference (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name TEXT NOT NULL,
    parent_block_document_id TEXT NOT NULL REFERENCES block_document (id) ON DELETE CASCADE,
    reference_block_document_id TEXT NOT NULL REFERENCES block_document (id) ON DELETE CASCADE,
    CONSTRAINT ck_block_document_reference__not_self CHECK (parent_block_document_id <> reference_block_document_id)
);
CREATE INDEX ix_block_document_reference__updated ON block_document_reference (updated);

CREATE TABLE deployment (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name TEXT NOT NULL,
    flow_id TEXT NOT NULL REFERENCES flow (id) ON DELETE CASCADE,
    version TEXT,
    description TEXT,
    work_queue_name TEXT,
    work_queue_id TEXT REFERENCES work_queue (id) ON DELETE SET NULL,
    infra_overrides TEXT NOT NULL DEFAULT '{}',
    path TEXT,
    entrypoint TEXT,
    last_polled TEXT,
    status TEXT NOT NULL DEFAULT 'NOT_READY',
    paused INTEGER NOT NULL DEFAULT 0,
    concurrency_limit INTEGER,
    concurrency_limit_id TEXT REFERENCES concurrency_limit_v2 (id) ON DELETE SET NULL,
    concurrency_options TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    labels TEXT,
    parameters TEXT NOT NULL DEFAULT '{}',
    pull_steps TEXT,
    parameter_openapi_schema TEXT,
    enforce_parameter_schema INTEGER NOT NULL DEFAULT 1,
    created_by TEXT,
    updated_by TEXT,
    infrastructure_document_id TEXT REFERENCES block_document (id) ON DELETE CASCADE,
    storage_document_id TEXT REFERENCES block_document (id) ON DELETE CASCADE,
    version_id TEXT,
    CONSTRAINT uq_deployment__flow_id_name UNIQUE (flow_id, name)
);
CREATE INDEX ix_deployment__updated ON deployment (updated);
CREATE INDEX ix_deployment__created ON deployment (created);
CREATE INDEX ix_deployment__flow_id ON deployment (flow_id);
CREATE INDEX ix_deployment__work_queue_name ON deployment (work_queue_name);
CREATE INDEX ix_deployment__work_queue_id ON deployment (work_queue_id);
CREATE INDEX ix_deployment__paused ON deployment (paused);

CREATE TABLE deployment_schedule (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deployment_id TEXT NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
    schedule TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    max_scheduled_runs INTEGER,
    parameters TEXT NOT NULL DEFAULT '{}',
    slug TEXT,
    CONSTRAINT uq_deployment_schedule__deployment_id_slug UNIQUE (deployment_id, slug)
);
CREATE INDEX ix_deployment_schedule__updated ON deployment_schedule (updated);
CREATE INDEX ix_deployment_schedule__deployment_id ON deployment_schedule (deployment_id);
CREATE INDEX ix_deployment_schedule__slug ON deployment_schedule (slug);

CREATE TABLE flow_run (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name TEXT NOT NULL,
    state_type TEXT,
    state_name TEXT,
    state_timestamp TEXT,
    run_count INTEGER NOT NULL DEFAULT 0,
    expected_start_time TEXT,
    next_scheduled_start_time TEXT,
    start_time TEXT,
    end_time TEXT,
    total_run_time REAL NOT NULL DEFAULT 0,
    flow_id TEXT NOT NULL REFERENCES flow (id) ON DELETE CASCADE,
    deployment_id TEXT,
    deployment_version TEXT,
    work_queue_name TEXT,
    flow_version TEXT,
    parameters TEXT NOT NULL DEFAULT '{}',
    idempotency_key TEXT,
    context TEXT NOT NULL DEFAULT '{}',
    empirical_policy TEXT NOT NULL DEFAULT '{}',
    tags TEXT NOT NULL DEFAULT '[]',
    labels TEXT,
    created_by TEXT,
    infrastructure_pid TEXT,
    job_variables TEXT NOT NULL DEFAULT '{}',
    infrastructure_document_id TEXT,
    parent_task_run_id TEXT REFERENCES task_run (id) ON DELETE SET NULL,
    auto_scheduled INTEGER NOT NULL DEFAULT 0,
    state_id TEXT,
    work_queue_id TEXT REFERENCES work_queue (id) ON DELETE SET NULL,
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
CREATE INDEX ix_flow_run__deployment_id_auto_scheduled_next_start
    ON flow_run (deployment_id, auto_scheduled, next_scheduled_start_time) WHERE state_type = 'SCHEDULED';
CREATE INDEX ix_flow_run__deployment_id_created_by_id_next_start
    ON flow_run (deployment_id, json_extract(created_by, '$.id'), next_scheduled_start_time) WHERE state_type = 'SCHEDULED' AND auto_scheduled = 1;
-- Worker polling: scheduled runs of a queue in start-time order.
CREATE INDEX ix_flow_run__work_queue_id_scheduled_next_start
    ON flow_run (work_queue_id, next_scheduled_start_time) WHERE state_type = 'SCHEDULED';
-- Pool and queue concurrency: runs holding a slot.
CREATE INDEX ix_flow_run__work_queue_id_active
    ON flow_run (work_queue_id) WHERE state_type IN ('PENDING', 'RUNNING');

CREATE TABLE flow_run_state (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    flow_run_id TEXT NOT NULL REFERENCES flow_run (id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    name TEXT NOT NULL,
    message TEXT,
    state_details TEXT NOT NULL DEFAULT '{}',
    data TEXT,
    result_artifact_id TEXT
);
CREATE UNIQUE INDEX uq_flow_run_state__flow_run_id_timestamp_desc ON flow_run_state (flow_run_id, timestamp DESC);
CREATE INDEX ix_flow_run_state__updated ON flow_run_state (updated);
CREATE INDEX ix_flow_run_state__type ON flow_run_state (type);
CREATE INDEX ix_flow_run_state__name ON flow_run_state (name);
CREATE INDEX ix_flow_run_state__result_artifact_id ON flow_run_state (result_artifact_id);

CREATE TABLE task_run (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name TEXT NOT NULL,
    state_type TEXT,
    state_name TEXT,
    state_timestamp TEXT,
    run_count INTEGER NOT NULL DEFAULT 0,
    expected_start_time TEXT,
    next_scheduled_start_time TEXT,
    start_time TEXT,
    end_time TEXT,
    total_run_time REAL NOT NULL DEFAULT 0,
    flow_run_id TEXT REFERENCES flow_run (id) ON DELETE CASCADE,
    task_key TEXT NOT NULL,
    dynamic_key TEXT NOT NULL,
    cache_key TEXT,
    cache_expiration TEXT,
    task_version TEXT,
    flow_run_run_count INTEGER NOT NULL DEFAULT 0,
    empirical_policy TEXT NOT NULL DEFAULT '{}',
    task_inputs TEXT NOT NULL DEFAULT '{}',
    tags TEXT NOT NULL DEFAULT '[]',
    labels TEXT,
    state_id TEXT,
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

CREATE TABLE task_run_state (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    task_run_id TEXT NOT NULL REFERENCES task_run (id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    name TEXT NOT NULL,
    message TEXT,
    state_details TEXT NOT NULL DEFAULT '{}',
    data TEXT,
    result_artifact_id TEXT
);
CREATE UNIQUE INDEX uq_task_run_state__task_run_id_timestamp_desc ON task_run_state (task_run_id, timestamp DESC);
CREATE INDEX ix_task_run_state__updated ON task_run_state (updated);
CREATE INDEX ix_task_run_state__type ON task_run_state (type);
CREATE INDEX ix_task_run_state__name ON task_run_state (name);
CREATE INDEX ix_task_run_state__result_artifact_id ON task_run_state (result_artifact_id);

CREATE TABLE task_run_state_cache (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    cache_key TEXT NOT NULL,
    cache_expiration TEXT,
    task_run_state_id TEXT NOT NULL
);
CREATE INDEX ix_task_run_state_cache__updated ON task_run_state_cache (updated);
CREATE INDEX ix_task_run_state_cache__cache_key_created_desc ON task_run_state_cache (cache_key, created DESC);

CREATE TABLE flow_run_input (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    flow_run_id TEXT NOT NULL REFERENCES flow_run (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    sender TEXT,
    CONSTRAINT uq_flow_run_input__flow_run_id_key UNIQUE (flow_run_id, key)
);
CREATE INDEX ix_flow_run_input__updated ON flow_run_input (updated);

CREATE TABLE variable (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name TEXT NOT NULL,
    value TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT uq_variable__name UNIQUE (name)
);
CREATE INDEX ix_variable__updated ON variable (updated);

CREATE TABLE artifact (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    key TEXT,
    task_run_id TEXT,
    flow_run_id TEXT,
    type TEXT,
    data TEXT,
    description TEXT,
    metadata_ TEXT
);
CREATE INDEX ix_artifact__updated ON artifact (updated);
CREATE INDEX ix_artifact__key ON artifact (key);
CREATE INDEX ix_artifact__task_run_id ON artifact (task_run_id);
CREATE INDEX ix_artifact__flow_run_id ON artifact (flow_run_id);
CREATE INDEX ix_artifact__key_created_desc ON artifact (key, created DESC);

CREATE TABLE artifact_collection (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    key TEXT NOT NULL,
    latest_id TEXT NOT NULL,
    task_run_id TEXT,
    flow_run_id TEXT,
    type TEXT,
    data TEXT,
    description TEXT,
    metadata_ TEXT,
    CONSTRAINT uq_artifact_collection__key UNIQUE (key)
);
CREATE INDEX ix_artifact_collection__updated ON artifact_collection (updated);
CREATE INDEX ix_artifact_collection__key_latest_id ON artifact_collection (key, latest_id);

CREATE TABLE log (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name TEXT NOT NULL,
    level INTEGER NOT NULL,
    flow_run_id TEXT,
    task_run_id TEXT,
    message TEXT NOT NULL,
    timestamp TEXT NOT NULL
);
CREATE INDEX ix_log__updated ON log (updated);
CREATE INDEX ix_log__level ON log (level);
CREATE INDEX ix_log__flow_run_id ON log (flow_run_id);
CREATE INDEX ix_log__task_run_id ON log (task_run_id);
CREATE INDEX ix_log__timestamp ON log (timestamp);
CREATE INDEX ix_log__flow_run_id_timestamp ON log (flow_run_id, timestamp);

CREATE TABLE saved_search (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name TEXT NOT NULL,
    filters TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT uq_saved_search__name UNIQUE (name)
);
CREATE INDEX ix_saved_search__updated ON saved_search (updated);

CREATE TABLE configuration (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    CONSTRAINT uq_configuration__key UNIQUE (key)
);
CREATE INDEX ix_configuration__updated ON configuration (updated);

CREATE TABLE csrf_token (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    token TEXT NOT NULL,
    client TEXT NOT NULL,
    expiration TEXT NOT NULL,
    CONSTRAINT uq_csrf_token__client UNIQUE (client)
);
CREATE INDEX ix_csrf_token__updated ON csrf_token (updated);
CREATE INDEX ix_csrf_token__expiration ON csrf_token (expiration);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    occurred TEXT NOT NULL,
    event TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    resource TEXT NOT NULL,
    related_resource_ids TEXT NOT NULL DEFAULT '[]',
    related TEXT NOT NULL DEFAULT '[]',
    payload TEXT NOT NULL DEFAULT '{}',
    received TEXT NOT NULL,
    recorded TEXT NOT NULL,
    follows TEXT
);
CREATE INDEX ix_events__updated ON events (updated);
CREATE INDEX ix_events__occurred ON events (occurred);
CREATE INDEX ix_events__event_id ON events (event, id);
CREATE INDEX ix_events__event_resource_id_occurred ON events (event, resource_id, occurred);
CREATE INDEX ix_events__occurred_id ON events (occurred, id);
CREATE INDEX ix_events__event_occurred_id ON events (event, occurred, id);

CREATE TABLE event_resources (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    occurred TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    resource_role TEXT NOT NULL,
    resource TEXT NOT NULL,
    event_id TEXT NOT NULL
);
CREATE INDEX ix_event_resources__updated ON event_resources (updated);
CREATE INDEX ix_event_resources__resource_id_occurred ON event_resources (resource_id, occurred);
CREATE INDEX ix_event_resources__occurred ON event_resources (occurred);
CREATE INDEX ix_event_resources__event_id ON event_resources (event_id);

CREATE TABLE automation (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    enabled INTEGER NOT NULL DEFAULT 1,
    tags TEXT NOT NULL DEFAULT '[]',
    trigger TEXT NOT NULL,
    actions TEXT NOT NULL DEFAULT '[]',
    actions_on_trigger TEXT NOT NULL DEFAULT '[]',
    actions_on_resolve TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX ix_automation__updated ON automation (updated);

CREATE TABLE automation_related_resource (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    automation_id TEXT NOT NULL REFERENCES automation (id) ON DELETE CASCADE,
    resource_id TEXT,
    automation_owned_by_resource INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT uq_automation_related_resource__automation_id_resource_id UNIQUE (automation_id, resource_id)
);
CREATE INDEX ix_automation_related_resource__updated ON automation_related_resource (updated);
CREATE INDEX ix_automation_related_resource__resource_id ON automation_related_resource (resource_id);
