-- The runs page sorts by coalesce(start_time, expected_start_time) DESC, id DESC, with or without one state
-- type: these indexes give the first page without sorting the table (the single-column expression index
-- still sorted every tie and, with a state filter, every run of that state).
CREATE INDEX IF NOT EXISTS ix_flow_run__start_or_expected_id_desc
    ON flow_run ((coalesce(start_time, expected_start_time)) DESC, id DESC);
CREATE INDEX IF NOT EXISTS ix_flow_run__state_type_start_or_expected_id_desc
    ON flow_run (state_type, (coalesce(start_time, expected_start_time)) DESC, id DESC);
