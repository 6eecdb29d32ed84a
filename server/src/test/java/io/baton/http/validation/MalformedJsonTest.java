package io.baton.http.validation;

import static io.baton.http.validation.TestContract.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class MalformedJsonTest {

    private static MalformedJsonException failure(String text) {
        return catchThrowableOfType(MalformedJsonException.class, () -> JsonBodyParser.parse(text));
    }

    @Test
    void validAndEmptyBodies() throws Exception {
        assertThat(JsonBodyParser.parse("{\"a\": [1, 2.5, NaN]}").get("a").size()).isEqualTo(3);
        assertThat(JsonBodyParser.parse("")).isNull();
        assertThat(JsonBodyParser.parse(null)).isNull();
    }

    @Test
    void offsetsAndMessagesMatchPythonsDecoder() {
        assertThat(failure("{\"name\": }")).extracting(MalformedJsonException::position,
                MalformedJsonException::decoderMessage).containsExactly(9, "Expecting value");
        assertThat(failure("{'name': 1}")).extracting(MalformedJsonException::position,
                MalformedJsonException::decoderMessage)
                .containsExactly(1, "Expecting property name enclosed in double quotes");
        assertThat(failure("{\"a\": 1,}")).extracting(MalformedJsonException::position,
                MalformedJsonException::decoderMessage)
                .containsExactly(8, "Expecting property name enclosed in double quotes");
        assertThat(failure("{\"a\" 1}")).extracting(MalformedJsonException::decoderMessage)
                .isEqualTo("Expecting ':' delimiter");
        assertThat(failure("[1 2]")).extracting(MalformedJsonException::position,
                MalformedJsonException::decoderMessage).containsExactly(3, "Expecting ',' delimiter");
        assertThat(failure("{} x")).extracting(MalformedJsonException::position,
                MalformedJsonException::decoderMessage).containsExactly(3, "Extra data");
        assertThat(failure("{\"a\": \"abc")).extracting(MalformedJsonException::position,
                MalformedJsonException::decoderMessage).containsExactly(6, "Unterminated string starting at");
        assertThat(failure("  ")).extracting(MalformedJsonException::position,
                MalformedJsonException::decoderMessage).containsExactly(2, "Expecting value");
    }

    @Test
    void the422BodyEchoesTheRawText() {
        String raw = "{\"name\": }";
        MalformedJsonException e = failure(raw);
        var body = ValidationErrors.body(List.of(ValidationErrors.jsonInvalid(e)), TextNode.valueOf(e.rawText()));
        assertThat(body.toString()).isEqualTo("""
                {"exception_message":"Invalid request received.","exception_detail":[{"type":"json_invalid",\
                "loc":["body",9],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting value"}}],\
                "request_body":"{\\"name\\": }"}""");
    }

    @Test
    void errorBodyForParsedRequests() {
        Validation v = TestContract.op("POST", "/flows/").validateBody(JSON.createObjectNode());
        var body = ValidationErrors.body(v.errors(), JSON.createObjectNode());
        assertThat(body.toString()).isEqualTo("""
                {"exception_message":"Invalid request received.","exception_detail":[{"type":"missing",\
                "loc":["body","name"],"msg":"Field required","input":{}}],"request_body":{}}""");
        assertThat(ValidationErrors.body(List.of(ValidationErrors.missingBody()), null).toString()).isEqualTo("""
                {"exception_message":"Invalid request received.","exception_detail":[{"type":"missing",\
                "loc":["body"],"msg":"Field required","input":null}],"request_body":null}""");
        assertThatThrownBy(() -> JsonBodyParser.parse("nul")).isInstanceOf(MalformedJsonException.class);
    }
}
