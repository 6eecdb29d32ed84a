package io.baton.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.baton.json.Json;
import io.baton.storage.BlockTypeStore;
import io.baton.storage.ConfigurationStore;
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

    /** The configuration key recording which seed was installed, so that start-up can skip reading it. */
    static final String INSTALLED_KEY = "system_block_types_seed";

    /**
     * Installs the seed at start-up unless this very seed (same resource sizes) is recorded as installed;
     * {@code POST /block_types/install_system_block_types} always re-installs.
     */
    static void installIfChanged(ConfigurationStore configuration, BlockTypeStore store) {
        String seed = seedVersion();
        boolean installed = configuration.get(INSTALLED_KEY).map(v -> v.asText().equals(seed)).orElse(false);
        if (!installed) {
            fromClasspath().installInto(store);
            configuration.put(INSTALLED_KEY, Json.NODES.textNode(seed));
        }
    }

    private static String seedVersion() {
        return resourceSize("/seed/block_types.json") + "-" + resourceSize("/seed/block_schemas.json");
    }

    private static long resourceSize(String resource) {
        try {
            var url = SystemBlockTypes.class.getResource(resource);
            if (url == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return url.openConnection().getContentLengthLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
