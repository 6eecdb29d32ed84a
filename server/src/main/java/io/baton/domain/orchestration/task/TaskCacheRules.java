package io.baton.domain.orchestration.task;

import io.baton.domain.orchestration.OrchestrationContext;
import io.baton.domain.orchestration.OrchestrationRule;
import io.baton.domain.orchestration.SideEffect;
import io.baton.domain.orchestration.TypeSet;
import io.baton.domain.run.TaskRun;
import io.baton.domain.state.State;
import io.baton.domain.state.StateDetails;
import io.baton.domain.state.StateType;

import java.util.Optional;

/** Server-side result caching through {@code task_run_state_cache}. */
public final class TaskCacheRules {
    private TaskCacheRules() {}

    /** A task about to run with a cache key whose unexpired entry exists completes at once as Cached. */
    public static final class CacheRetrieval extends OrchestrationRule<TaskRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.ANY;
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.RUNNING);
        }

        @Override
        protected void before(OrchestrationContext<TaskRun> ctx) {
            StateDetails details = ctx.proposedState().details();
            if (details.cacheKey() == null || Boolean.TRUE.equals(details.refreshCache())) {
                return;
            }
            Optional<State> cached = ctx.ports().taskCache().findCachedState(details.cacheKey(), ctx.now());
            if (cached.isPresent()) {
                reject(ctx, cached.get().freshCopy(ctx.now()).withName("Cached"), "Retrieved state from cache");
            }
        }
    }

    /** Completed states with a cache key are remembered; oversized keys are refused (the state still lands). */
    public static final class CacheInsertion extends OrchestrationRule<TaskRun> {
        @Override
        protected TypeSet fromStates() {
            return TypeSet.ANY;
        }

        @Override
        protected TypeSet toStates() {
            return TypeSet.of(StateType.COMPLETED);
        }

        @Override
        protected void before(OrchestrationContext<TaskRun> ctx) {
            String key = ctx.proposedState().details().cacheKey();
            int max = ctx.settings().maxCacheKeyLength();
            if (key != null && key.length() > max) {
                reject(ctx, ctx.proposedState(),
                        "Cache key exceeded maximum allowed length of " + max + " characters.");
            }
        }

        @Override
        protected void after(OrchestrationContext<TaskRun> ctx) {
            State validated = ctx.validatedState();
            String key = validated.details().cacheKey();
            if (key != null && key.length() <= ctx.settings().maxCacheKeyLength()) {
                ctx.addSideEffect(new SideEffect.InsertTaskRunStateCache(key, validated.details().cacheExpiration(),
                        validated.id()));
            }
        }
    }
}
