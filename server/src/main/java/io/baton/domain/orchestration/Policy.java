package io.baton.domain.orchestration;

import io.baton.domain.run.Run;

import java.util.List;
import java.util.function.Supplier;

/** An ordered table of rules; each orchestration instantiates fresh rules from the suppliers. */
public record Policy<R extends Run>(String name, List<Supplier<? extends OrchestrationRule<R>>> rules) {
    public Policy {
        rules = List.copyOf(rules);
    }
}
