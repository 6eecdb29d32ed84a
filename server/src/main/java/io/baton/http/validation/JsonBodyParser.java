package io.baton.http.validation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.baton.domain.InputLimits;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses request bodies. Valid JSON goes through Jackson; only on failure is the text re-scanned by
 * {@link PythonJsonSyntax} so the 422 carries the same offset and message Python's decoder would produce.
 */
public final class JsonBodyParser {
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(InputLimits.MAX_JSON_NESTING_DEPTH).build())
                    .build())
            // Python's json module accepts NaN/Infinity and rejects trailing content after the document.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBodyParser() {}

    /**
     * Parses a body as received: its bytes must be valid UTF-8 (a malformed sequence is refused, never replaced
     * by U+FFFD).
     *
     * @return the parsed document, or {@code null} for an empty body (which FastAPI treats as "no body")
     * @throws MalformedJsonException when the bytes are not UTF-8 or the text is not JSON
     */
    public static JsonNode parseBytes(byte[] bytes) throws MalformedJsonException {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        return parse(decodeUtf8(bytes));
    }

    /** Decodes UTF-8 strictly, as Python's decoder does before parsing JSON. */
    public static String decodeUtf8(byte[] bytes) throws MalformedJsonException {
        // The JDK's replacing decode is the fast one; only a U+FFFD in its result (genuine, or a replaced
        // malformed sequence) needs the strict decode to tell which.
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            CharBuffer chars = decoder.decode(in);
            return chars.toString();
        } catch (CharacterCodingException e) {
            int at = in.position();
            throw new MalformedJsonException(at, String.format("'utf-8' codec can't decode byte 0x%02x in position %d",
                    bytes[Math.min(at, bytes.length - 1)] & 0xff, at), null);
        }
    }

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
        } catch (StreamConstraintsException e) {
            // Past a documented bound (nesting depth, number length): refused without re-scanning the text.
            JsonLocation at = e.getLocation();
            int position = at == null ? 0 : (int) Math.max(0, Math.min(text.length(), at.getCharOffset()));
            String message = e.getOriginalMessage().contains("nesting depth")
                    ? "Nesting deeper than " + InputLimits.MAX_JSON_NESTING_DEPTH + " levels of arrays and objects"
                    : "Value past the parser's limits: " + e.getOriginalMessage().replaceAll(" \\(.*\\)", "");
            throw new MalformedJsonException(position, message, text);
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
