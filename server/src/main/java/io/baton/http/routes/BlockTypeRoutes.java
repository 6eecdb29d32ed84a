package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.Settings;
import io.baton.domain.block.BlockType;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.FilterParser;
import io.baton.http.ApiCall;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Paging;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.BlockDocumentStore;
import io.baton.storage.BlockTypeStore;
import io.baton.storage.jdbc.filter.BlockFilterTargets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /block_types}: create, read by id and slug, update, delete, filter, the documents of a type. */
public final class BlockTypeRoutes implements RouteModule {

    private static final List<String> DETAILS = List.of("logo_url", "documentation_url", "description", "code_example");

    private final BlockTypeStore types;
    private final BlockDocumentStore documents;
    private final Settings settings;
    private final Runnable installSystemBlockTypes;

    public BlockTypeRoutes(BlockTypeStore types, BlockDocumentStore documents, Settings settings,
            Runnable installSystemBlockTypes) {
        this.types = types;
        this.documents = documents;
        this.settings = settings;
        this.installSystemBlockTypes = installSystemBlockTypes;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/block_types/", call -> {
            JsonNode body = call.body();
            String name = body.get("name").asText();
            if (BlockType.isReservedName(name)) {
                throw ApiException.detail(403, "Block type names beginning with 'Prefect' are reserved.");
            }
            return types.create(name, body.get("slug").asText(), details(body))
                    .map(Reply::created)
                    .orElseThrow(() -> ApiException.detail(409, "Block type with name \"" + name + "\" already exists"));
        });
        r.get("/block_types/{id}", call -> types.read(call.uuid("id")).orElseThrow(BlockTypeRoutes::notFound));
        r.get("/block_types/slug/{slug}", call -> types.readBySlug(call.path("slug")).orElseThrow(BlockTypeRoutes::notFound));
        r.patch("/block_types/{id}", call -> {
            // Protected (system) types accept updates too, as on Prefect 3: older clients send this PATCH
            // whenever their copy of a registered type's description differs from the server's.
            BlockType type = types.read(call.uuid("id")).orElseThrow(BlockTypeRoutes::notFound);
            Map<String, String> details = details(call.body());
            if (type.changedBy(details) && !types.update(type.id(), details)) {
                throw notFound();
            }
            return Reply.noContent();
        });
        r.delete("/block_types/{id}", call -> {
            BlockType type = types.read(call.uuid("id")).orElseThrow(BlockTypeRoutes::notFound);
            if (type.isProtected()) {
                throw ApiException.detail(403, "protected block types cannot be deleted.");
            }
            if (!types.delete(type.id())) {
                throw notFound();
            }
            return Reply.noContent();
        });
        r.post("/block_types/filter", call -> {
            JsonNode body = call.body();
            Criterion criterion = FilterParser.parseBody(body, BlockFilterTargets.BLOCK_TYPE, BlockFilterTargets.BODY_KEYS);
            return types.filter(criterion, Paging.limit(body, settings.defaultLimit()), Paging.offset(body));
        });
        r.get("/block_types/slug/{slug}/block_documents", call -> documents.filter(
                BlockDocumentRoutes.withDefaultAnonymity(Json.object(), bySlug(call.path("slug"))), "NAME_ASC",
                Integer.MAX_VALUE, 0, includeSecrets(call)));
        r.get("/block_types/slug/{slug}/block_documents/name/{block_document_name}", call -> documents
                .readByTypeSlugAndName(call.path("slug"), call.path("block_document_name"), includeSecrets(call))
                .orElseThrow(() -> ApiException.detail(404, "Block document not found")));
        r.post("/block_types/install_system_block_types", call -> {
            installSystemBlockTypes.run();
            return Reply.ok(null);
        });
    }

    private static Criterion bySlug(String slug) {
        return new Criterion.Related(BlockFilterTargets.BLOCK_TYPE,
                new Criterion.Match("slug", Criterion.Op.IN, List.of(Json.NODES.textNode(slug))));
    }

    static boolean includeSecrets(ApiCall call) {
        return call.query().path("include_secrets").asBoolean(false);
    }

    private static Map<String, String> details(JsonNode body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : DETAILS) {
            if (body.has(key)) {
                out.put(key, body.get(key).isNull() ? null : body.get(key).asText());
            }
        }
        return out;
    }

    private static ApiException notFound() {
        return ApiException.detail(404, "Block type not found");
    }
}
