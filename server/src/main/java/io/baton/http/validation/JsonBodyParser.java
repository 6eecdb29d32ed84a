package io.baton.http.validation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Parses request bodies. Valid JSON goes through Jackson; only on failure is the text re-scanned by
 * {@link PythonJsonSyntax} so the 422 carries the same offset and message Python's decoder would produce.
 */
public final class JsonBodyParser {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            // Python's json module accepts NaN/Infinity and rejects trailing content after the document.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBodyParser() {}

    /**
     * @return the parsed document, or {@code null} for an empty body (which FastAPI treats as "no body")
     * @throws MalformedJsonException when the text is not JSON
     */
    public static JsonNode parse(String text) throws MalformedJsonException {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node.isMissingNode()) { // whitespace only
                throw new MalformedJsonException(PythonJsonSyntax.check(text).position(), "Expecting value", text);
            }
            return node;
        } catch (JacksonException e) {
            PythonJsonSyntax.Failure failure = PythonJsonSyntax.check(text);
            if (failure != null) {
                throw new MalformedJsonException(failure.position(), failure.message(), text);
            }
            // The two parsers disagree on an edge case; fall back to Jackson's position.
            JsonLocation at = e.getLocation();
            int position = at == null ? 0 : (int) Math.max(0, Math.min(text.length(), at.getCharOffset()));
            throw new MalformedJsonException(position, "Expecting value", text);
        }
    }
}
