-- Indexes no query reads: every run transition and every event paid for them in index writes (on SQLite, in
-- WAL pages per commit). Dropped: columns never filtered or sorted on (updated, state_id, state_timestamp, and
-- the state tables' type, name and result_artifact_id: filters read the run's own state columns), and indexes
-- that are a prefix of, or the same key in the other direction as, a wider index that stays:
--   flow_run (state_type)                 -> (state_type, coalesce(start_time, expected_start_time) DESC, id DESC)
--   flow_run (coalesce(...)) ASC and DESC -> (coalesce(start_time, expected_start_time) DESC, id DESC)
--   task_run (state_type)                 -> (state_type, start_time)
--   events (occurred)                     -> (occurred, id)
DROP INDEX IF EXISTS ix_flow_run__updated;
DROP INDEX IF EXISTS ix_flow_run__state_id;
DROP INDEX IF EXISTS ix_flow_run__state_timestamp;
DROP INDEX IF EXISTS ix_flow_run__state_type;
DROP INDEX IF EXISTS ix_flow_run__coalesce_start_time_expected_start_time_asc;
DROP INDEX IF EXISTS ix_flow_run__coalesce_start_time_expected_start_time_desc;
DROP INDEX IF EXISTS ix_flow_run_state__updated;
DROP INDEX IF EXISTS ix_flow_run_state__type;
DROP INDEX IF EXISTS ix_flow_run_state__name;
DROP INDEX IF EXISTS ix_flow_run_state__result_artifact_id;
DROP INDEX IF EXISTS ix_task_run__updated;
DROP INDEX IF EXISTS ix_task_run__state_type;
DROP INDEX IF EXISTS ix_task_run__state_timestamp;
DROP INDEX IF EXISTS ix_task_run_state__updated;
DROP INDEX IF EXISTS ix_task_run_state__type;
DROP INDEX IF EXISTS ix_task_run_state__name;
DROP INDEX IF EXISTS ix_task_run_state__result_artifact_id;
DROP INDEX IF EXISTS ix_events__updated;
DROP INDEX IF EXISTS ix_events__occurred;
DROP INDEX IF EXISTS ix_event_resources__updated;
