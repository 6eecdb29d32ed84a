package io.baton.domain.orchestration.port;

import io.baton.domain.state.State;

import java.time.Instant;
import java.util.Optional;

/** Reads {@code task_run_state_cache}; inserts are returned as side effects. */
public interface TaskCachePort {
    /** The completed state of the newest cache row for the key whose expiration is null or after {@code now}. */
    Optional<State> findCachedState(String cacheKey, Instant now);
}
