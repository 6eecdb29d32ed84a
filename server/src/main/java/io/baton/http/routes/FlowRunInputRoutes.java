package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.domain.run.FlowRunInput;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.FlowRunInputStore;
import io.baton.storage.RejectedRequestException;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@code /flow_runs/{id}/input}: keyed values sent to a flow run (pause/resume with input, receive_input). */
public final class FlowRunInputRoutes implements RouteModule {

    /** Input keys are letters, digits and dashes. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]+");

    private final FlowRunInputStore inputs;

    public FlowRunInputRoutes(FlowRunInputStore inputs) {
        this.inputs = inputs;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/flow_runs/{id}/input", call -> {
            JsonNode body = call.body();
            String key = body.get("key").asText();
            if (!KEY.matcher(key).matches()) {
                throw ApiException.invalidField(List.of("body", "key"), "Key must only contain letters, numbers, and dashes.",
                        body.get("key"), body);
            }
            JsonNode sender = body.get("sender");
            try {
                inputs.create(call.uuid("id"), key, body.get("value").asText(),
                        sender == null || sender.isNull() ? null : sender.asText());
            } catch (RejectedRequestException e) {
                if (e.reason() == RejectedRequestException.Reason.CONFLICT) {
                    throw ApiException.detail(409, "Flow run input with key " + key + " already exists.");
                }
                throw ApiException.detail(404, "Flow run not found");
            }
            return new Reply(201, Json.NODES.nullNode());
        });
        r.post("/flow_runs/{id}/input/filter", call -> {
            JsonNode body = call.body();
            List<String> exclude = Json.stringList(body.get("exclude_keys"));
            return inputs.filter(call.uuid("id"), body.get("prefix").asText(), body.path("limit").asInt(1), exclude)
                    .stream().map(FlowRunJson::input).toList();
        });
        r.delete("/flow_runs/{id}/input/{key}", call -> {
            if (!inputs.delete(call.uuid("id"), call.path("key"))) {
                throw ApiException.detail(404, "Flow run input not found");
            }
            return Reply.noContent();
        });
        // The value is answered as stored, as plain text; the JSON reply path would quote it.
        r.routes().addHttpHandler(HandlerType.GET, r.basePath() + "/flow_runs/{id}/input/{key}", ctx -> {
            UUID id;
            try {
                id = UUID.fromString(ctx.pathParam("id"));
            } catch (IllegalArgumentException e) {
                throw ApiException.detail(404, "Not Found");
            }
            FlowRunInput input = inputs.read(id, ctx.pathParam("key"))
                    .orElseThrow(() -> ApiException.detail(404, "Flow run input not found"));
            ctx.status(200).contentType("text/plain; charset=utf-8").result(input.value());
        });
    }
}
