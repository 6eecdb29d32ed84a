package io.baton.storage.jdbc;

/** A transaction's result together with the orchestration whose after-commit work is still to run. */
record Committed<T>(T value, RunOrchestration orchestration) {}
