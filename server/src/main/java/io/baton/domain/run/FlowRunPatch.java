package io.baton.domain.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** {@code PATCH /flow_runs/{id}}: only present fields change. */
public record FlowRunPatch(Optional<String> name, Optional<String> flowVersion, Optional<JsonNode> parameters,
                           Optional<FlowRunPolicy> empiricalPolicy, Optional<List<String>> tags,
                           Optional<String> infrastructurePid, Optional<JsonNode> jobVariables) {
}
