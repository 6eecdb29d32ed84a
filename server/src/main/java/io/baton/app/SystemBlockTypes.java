package io.baton.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.json.Json;
import io.baton.storage.BlockTypeStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The block types and schemas of a fresh Prefect server, bundled as seed data and installed at startup. */
final class SystemBlockTypes {

    private final List<JsonNode> types;
    private final List<JsonNode> schemas;

    private SystemBlockTypes(List<JsonNode> types, List<JsonNode> schemas) {
        this.types = types;
        this.schemas = schemas;
    }

    static SystemBlockTypes fromClasspath() {
        return new SystemBlockTypes(list("/seed/block_types.json"), list("/seed/block_schemas.json"));
    }

    void installInto(BlockTypeStore store) {
        store.install(types, schemas);
    }

    private static List<JsonNode> list(String resource) {
        try (InputStream in = SystemBlockTypes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            List<JsonNode> out = new ArrayList<>();
            Json.read(in.readAllBytes()).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
