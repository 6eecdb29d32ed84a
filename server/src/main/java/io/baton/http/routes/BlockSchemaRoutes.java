package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.Settings;
import io.baton.domain.block.BlockSchema;
import io.baton.domain.filter.Criterion;
import io.baton.domain.filter.FilterParser;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Paging;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.BlockSchemaStore;
import io.baton.storage.BlockTypeStore;
import io.baton.storage.jdbc.filter.BlockFilterTargets;
import java.util.Map;

/** {@code /block_schemas} and {@code /block_capabilities}. */
public final class BlockSchemaRoutes implements RouteModule {

    private final BlockSchemaStore schemas;
    private final BlockTypeStore types;
    private final Settings settings;

    public BlockSchemaRoutes(BlockSchemaStore schemas, BlockTypeStore types, Settings settings) {
        this.schemas = schemas;
        this.types = types;
        this.settings = settings;
    }

    @Override
    public void register(ApiRouter r) {
        r.post("/block_schemas/", call -> {
            JsonNode body = call.body();
            var blockTypeId = java.util.UUID.fromString(body.get("block_type_id").asText());
            if (types.read(blockTypeId).isEmpty()) {
                throw ApiException.detail(404, "Block type not found.");
            }
            JsonNode fields = body.has("fields") ? body.get("fields") : Json.object();
            requireReferencedTypes(fields);
            var upserted = schemas.createOrGet(blockTypeId, fields, Json.stringList(body.path("capabilities")),
                    body.path("version").asText(BlockSchema.DEFAULT_VERSION));
            return Reply.createdOrOk(upserted.created(), upserted.value());
        });
        r.get("/block_schemas/{id}", call -> schemas.read(call.uuid("id")).orElseThrow(BlockSchemaRoutes::notFound));
        r.delete("/block_schemas/{id}", call -> {
            BlockSchema schema = schemas.read(call.uuid("id")).orElseThrow(BlockSchemaRoutes::notFound);
            if (schema.blockType() != null && schema.blockType().isProtected()) {
                throw ApiException.detail(403, "Cannot delete protected block schemas.");
            }
            if (!schemas.delete(schema.id())) {
                throw notFound();
            }
            return Reply.noContent();
        });
        r.post("/block_schemas/filter", call -> {
            JsonNode body = call.body();
            Criterion criterion = FilterParser.parseBody(body, BlockFilterTargets.BLOCK_SCHEMA,
                    Map.of("block_schemas", BlockFilterTargets.BLOCK_SCHEMA));
            return schemas.filter(criterion, Paging.limit(body, settings.defaultLimit()), Paging.offset(body));
        });
        r.get("/block_schemas/checksum/{checksum}", call -> {
            JsonNode version = call.query().path("version");
            return schemas.readByChecksum(call.path("checksum"), version.isTextual() ? version.asText() : null)
                    .orElseThrow(BlockSchemaRoutes::notFound);
        });
        r.get("/block_capabilities/", call -> schemas.capabilities());
    }

    /** Nested blocks named in {@code block_schema_references} need their block types to exist. */
    private void requireReferencedTypes(JsonNode fields) {
        for (JsonNode reference : fields.path("block_schema_references")) {
            for (JsonNode ref : reference.isArray() ? reference : Json.array().add(reference)) {
                String slug = ref.path("block_type_slug").asText(null);
                if (slug != null && types.readBySlug(slug).isEmpty()) {
                    throw ApiException.detail(409, "Cannot create block schema because block type '" + slug
                            + "' was not found. Did you forget to register the block type?");
                }
            }
        }
    }

    private static ApiException notFound() {
        return ApiException.detail(404, "Block schema not found");
    }
}
