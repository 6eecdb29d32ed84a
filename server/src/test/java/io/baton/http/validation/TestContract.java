package io.baton.http.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The contract the server carries (derived from Prefect's by {@code bin/derive-contract}), loaded once for all
 * tests; {@link #referencePath()} is Prefect's published document it was derived from.
 */
final class TestContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final OpenApiContract CONTRACT = OpenApiContract.loadBundled();

    private TestContract() {}

    static Path referencePath() {
        String shared = System.getProperty("baton.shared.dir");
        Path candidate = shared == null ? null : Path.of(shared, "prefect-api", "openapi.json");
        if (candidate == null || !Files.isRegularFile(candidate)) {
            candidate = Path.of("/work/shared/prefect-api/openapi.json");
        }
        return candidate;
    }

    static OpenApiContract loadReference() {
        try (InputStream in = Files.newInputStream(referencePath())) {
            return OpenApiContract.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Operation op(String method, String path) {
        return CONTRACT.operation(method, path).orElseThrow();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** Errors as compact JSON, so assertions read like the wire format. */
    static String errorsJson(Validation v) {
        var array = JSON.createArrayNode();
        v.errors().forEach(e -> array.add(ValidationErrors.toJson(e)));
        return array.toString();
    }
}
