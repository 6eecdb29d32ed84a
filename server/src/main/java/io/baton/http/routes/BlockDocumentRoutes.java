package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.Settings;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.FilterParser;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Paging;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.BlockDocumentStore;
import io.baton.storage.BlockDocumentStore.Created;
import io.baton.storage.jdbc.filter.BlockFilterTargets;
import java.util.List;
import java.util.UUID;

/** {@code /block_documents}: create, read, update, delete, filter, count. */
public final class BlockDocumentRoutes implements RouteModule {

    private final BlockDocumentStore documents;
    private final Settings settings;

    public BlockDocumentRoutes(BlockDocumentStore documents, Settings settings) {
        this.documents = documents;
        this.settings = settings;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/block_documents/", call -> {
            JsonNode body = call.body();
            boolean anonymous = body.path("is_anonymous").asBoolean(false);
            JsonNode name = body.get("name");
            if ((name == null || name.isNull()) && !anonymous) {
                throw ApiException.invalidField(List.of("body"), "Names must be provided for block documents.",
                        body, body);
            }
            Created created = documents.create(name == null || name.isNull() ? null : name.asText(), anonymous,
                    UUID.fromString(body.get("block_schema_id").asText()),
                    UUID.fromString(body.get("block_type_id").asText()),
                    body.has("data") ? body.get("data") : Json.object());
            return switch (created) {
                case Created.Ok ok -> Reply.created(ok.document());
                case Created.DuplicateName d -> throw ApiException.detail(409, "Block already exists");
                case Created.Invalid invalid -> throw ApiException.detail(409, invalid.detail());
            };
        });
        r.post("/block_documents/filter", call -> {
            JsonNode body = call.body();
            return documents.filter(criterion(body), Paging.sort(body), Paging.limit(body, settings.defaultLimit()),
                    Paging.offset(body), body.path("include_secrets").asBoolean(false));
        });
        r.post("/block_documents/count", call -> documents.count(criterion(call.body())));
        r.get("/block_documents/{id}", call -> documents.read(call.uuid("id"), BlockTypeRoutes.includeSecrets(call))
                .orElseThrow(BlockDocumentRoutes::notFound));
        r.delete("/block_documents/{id}", call -> {
            if (!documents.delete(call.uuid("id"))) {
                throw notFound();
            }
            return Reply.noContent();
        });
        r.patch("/block_documents/{id}", call -> {
            JsonNode body = call.body();
            JsonNode schemaId = body.get("block_schema_id");
            try {
                boolean found = documents.update(call.uuid("id"),
                        schemaId == null || schemaId.isNull() ? null : UUID.fromString(schemaId.asText()),
                        body.has("data") && !body.get("data").isNull() ? body.get("data") : null,
                        body.path("merge_existing_data").asBoolean(true));
                if (!found) {
                    throw notFound();
                }
            } catch (IllegalArgumentException e) {
                throw ApiException.detail(409, e.getMessage());
            }
            return Reply.noContent();
        });
    }

    private static Criterion criterion(JsonNode body) {
        ObjectNode copy = body.isObject() ? ((ObjectNode) body).deepCopy() : Json.object();
        return withDefaultAnonymity(copy, null);
    }

    /**
     * The filter of a block document list: as in Prefect, anonymous documents are left out unless the
     * {@code block_documents} filter says otherwise ({@code is_anonymous} given, even as null).
     */
    static Criterion withDefaultAnonymity(ObjectNode body, Criterion extra) {
        JsonNode documentsFilter = body.get("block_documents");
        ObjectNode filter = documentsFilter instanceof ObjectNode object ? object : Json.object();
        if (!filter.has("is_anonymous")) {
            filter.set("is_anonymous", Json.object().put("eq_", false));
        }
        body.set("block_documents", filter);
        Criterion criterion = FilterParser.parseBody(body, BlockFilterTargets.BLOCK_DOCUMENT, BlockFilterTargets.BODY_KEYS);
        return extra == null ? criterion : new Criterion.All(List.of(criterion, extra));
    }

    private static ApiException notFound() {
        return ApiException.detail(404, "Block document not found");
    }
}
