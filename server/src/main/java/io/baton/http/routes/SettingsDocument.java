package io.baton.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.app.Settings;
import io.baton.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code /admin/settings} document: Prefect's settings model filled with its schema defaults, then
 * with the values this server actually runs with. Secrets are obfuscated as Prefect does.
 */
public final class SettingsDocument {

    private static final String OBFUSCATED = "********";
    private static final String HOME_PLACEHOLDER = "${home}";
    private final java.util.function.Supplier<JsonNode> schemaSource;
    private volatile JsonNode schemas;
    private volatile ObjectNode defaults;

    public SettingsDocument(java.util.function.Supplier<JsonNode> schemaSource) {
        this.schemaSource = schemaSource;
    }

    /** Reads the settings model from the bundled schema on first use, not at start-up. */
    public static SettingsDocument fromClasspath() {
        return new SettingsDocument(() -> {
            try (InputStream in = SettingsDocument.class.getResourceAsStream("/openapi.json")) {
                return Json.MAPPER.readTree(in).path("components").path("schemas");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public JsonNode render(Settings settings) {
        ObjectNode doc = (ObjectNode) Json.read(Json.write(defaults())
                .replace(HOME_PLACEHOLDER, settings.home().toString().replace("\\", "/")));
        doc.put("home", settings.home().toString());
        ObjectNode server = child(doc, "server");
        ObjectNode api = child(server, "api");
        api.put("host", settings.host());
        api.put("port", settings.port());
        api.put("default_limit", settings.defaultLimit());
        api.put("csrf_protection_enabled", settings.csrfProtectionEnabled());
        api.put("csrf_token_expiration", settings.csrfTokenExpiration().toString());
        if (settings.authString() != null) {
            api.put("auth_string", OBFUSCATED);
        }
        ObjectNode database = child(server, "database");
        database.put("connection_url", OBFUSCATED);
        return doc;
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        if (existing instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(name);
    }

    private ObjectNode defaults() {
        if (defaults == null) {
            schemas = schemaSource.get();
            defaults = (ObjectNode) defaultsOf(schemas.path("Settings"), 0);
        }
        return defaults;
    }

    /** The default value an object schema describes: declared defaults, nested models recursively. */
    private JsonNode defaultsOf(JsonNode schema, int depth) {
        if (depth > 8) {
            return Json.NODES.nullNode();
        }
        JsonNode resolved = resolve(schema);
        ObjectNode out = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = resolved.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode prop = property.getValue();
            if (prop.has("default")) {
                out.set(property.getKey(), prop.get("default"));
                continue;
            }
            JsonNode target = resolve(prop);
            String type = target.path("type").asText("");
            if (target.has("properties")) {
                out.set(property.getKey(), defaultsOf(target, depth + 1));
            } else if (type.equals("object")) {
                out.putObject(property.getKey());
            } else if (type.equals("string")) {
                // Paths computed from the home directory at runtime; rendered relative to it.
                out.put(property.getKey(), HOME_PLACEHOLDER + "/" + property.getKey());
            } else {
                out.putNull(property.getKey());
            }
        }
        return out;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 4 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            current = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return current;
    }
}
