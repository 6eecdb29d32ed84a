package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.app.Settings;
import io.baton.http.ApiException;
import io.baton.http.ApiRouter;
import io.baton.http.Reply;
import io.baton.http.RouteModule;
import io.baton.json.Json;
import io.baton.storage.ResultStorageStore;
import java.util.UUID;

/** {@code /admin}: server version, settings dump, default result storage. */
public final class AdminRoutes implements RouteModule {

    private final Settings settings;
    private final ResultStorageStore resultStorage;
    private final SettingsDocument settingsDocument;

    public AdminRoutes(Settings settings, ResultStorageStore resultStorage, SettingsDocument settingsDocument) {
        this.settings = settings;
        this.resultStorage = resultStorage;
        this.settingsDocument = settingsDocument;
    }

    @Override
    public void register(ApiRouter r) {
        r.get("/admin/version", call -> settings.prefectVersion());
        r.get("/admin/settings", call -> settingsDocument.render(settings));
        r.get("/admin/storage", call -> storageBody());
        r.put("/admin/storage", call -> {
            JsonNode id = call.body().path("default_result_storage_block_id");
            if (id.isNull() || id.isMissingNode()) {
                resultStorage.clearDefault();
                return storageBody();
            }
            switch (resultStorage.setDefault(UUID.fromString(id.asText()))) {
                case BLOCK_NOT_FOUND -> throw ApiException.detail(404, "Block document not found");
                case NOT_A_STORAGE_BLOCK -> throw ApiException.detail(422,
                        "Block document is not a supported result storage block.");
                case SET -> { }
            }
            return storageBody();
        });
        r.delete("/admin/storage", call -> {
            resultStorage.clearDefault();
            return Reply.noContent();
        });
    }

    private JsonNode storageBody() {
        var body = Json.object();
        resultStorage.defaultBlockDocumentId().ifPresentOrElse(
                id -> body.put("default_result_storage_block_id", id.toString()),
                () -> body.putNull("default_result_storage_block_id"));
        return body;
    }
}
