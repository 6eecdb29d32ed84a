package io.baton.domain.orchestration;

import io.baton.domain.run.Run;
import io.baton.domain.state.ResultData;
import io.baton.domain.state.State;

import java.util.List;

/**
 * Everything one orchestration decided. The caller persists {@code persistedState} (if any; its data per
 * {@code resultData}), writes {@code run} back, carries out {@code sideEffects} in order and answers with
 * {@code result}.
 */
public record OrchestrationOutcome<R extends Run>(OrchestrationResult result, State persistedState,
                                                  ResultData resultData, R run, List<SideEffect> sideEffects) {

    public OrchestrationOutcome {
        sideEffects = List.copyOf(sideEffects);
    }

    public boolean wroteState() {
        return persistedState != null;
    }

    /** 201 when a state row was written (including a REJECT with a replacement state), else 200. */
    public int httpStatus() {
        return httpStatus(wroteState());
    }

    public static int httpStatus(boolean stateWritten) {
        return stateWritten ? 201 : 200;
    }

    public <T extends SideEffect> List<T> effects(Class<T> type) {
        return sideEffects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
