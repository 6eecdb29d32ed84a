package io.baton.http.validation;

import static io.baton.http.validation.TestContract.errorsJson;
import static io.baton.http.validation.TestContract.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Lax-mode coercions and constraint messages, against a small synthetic contract. */
class ScalarCoercionTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.load(new ByteArrayInputStream("""
            {"paths": {}, "components": {"schemas": {
              "Int": {"type": "integer"},
              "BoundedInt": {"type": "integer", "minimum": 1.0, "maximum": 50.0},
              "Num": {"type": "number", "exclusiveMinimum": 0.5},
              "Bool": {"type": "boolean"},
              "Str": {"type": "string", "minLength": 2, "maxLength": 3},
              "When": {"type": "string", "format": "date-time"},
              "Day": {"type": "string", "format": "date"},
              "Id": {"type": "string", "format": "uuid"},
              "Seconds": {"type": "number", "format": "time-delta"},
              "Names": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 2},
              "NameSet": {"type": "array", "items": {"type": "string"}, "uniqueItems": true},
              "Pair": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}],
                       "minItems": 2, "maxItems": 2},
              "Kind": {"const": "cat"},
              "Choice": {"enum": ["a", "b"], "type": "string"},
              "Cat": {"type": "object", "properties": {"kind": {"const": "cat"}, "lives": {"type": "integer"}},
                      "required": ["kind"], "additionalProperties": false},
              "Dog": {"type": "object", "properties": {"kind": {"const": "dog"}}, "required": ["kind"]},
              "Pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                      "discriminator": {"propertyName": "kind"}},
              "Both": {"allOf": [{"$ref": "#/components/schemas/Dog"}]},
              "Loose": {"type": "object", "properties": {"a": {"type": "integer"}}},
              "Node": {"type": "object", "properties": {"child": {"anyOf": [{"$ref": "#/components/schemas/Node"},
                       {"type": "null"}]}}, "additionalProperties": false}
            }}}""".getBytes(StandardCharsets.UTF_8)));

    private static Validation check(String schema, String jsonText) {
        return CONTRACT.validate(schema, json(jsonText), "body");
    }

    @Test
    void integers() {
        assertThat(check("Int", "\"3\"").value()).isEqualTo(json("3"));
        assertThat(check("Int", "\" -7 \"").value()).isEqualTo(json("-7"));
        assertThat(check("Int", "\"4.0\"").value()).isEqualTo(json("4"));
        assertThat(check("Int", "1.0").value()).isEqualTo(json("1"));
        assertThat(check("Int", "true").value()).isEqualTo(json("1"));
        assertThat(check("Int", "2147483647").value()).isEqualTo(json("2147483647"));
        // Every integer of the contract is bounded to 32 bits (InputLimits).
        assertThat(check("Int", "12345678901234").errors()).extracting(ValidationError::type)
                .containsExactly("less_than_equal");
        assertThat(errorsJson(check("Int", "\"3.5\""))).isEqualTo("""
                [{"type":"int_parsing","loc":["body"],\
                "msg":"Input should be a valid integer, unable to parse string as an integer","input":"3.5"}]""");
        assertThat(check("Int", "1.5").errors()).extracting(ValidationError::type).containsExactly("int_from_float");
        assertThat(check("Int", "[]").errors()).extracting(ValidationError::msg)
                .containsExactly("Input should be a valid integer");
        assertThat(errorsJson(check("BoundedInt", "\"51\""))).isEqualTo("""
                [{"type":"less_than_equal","loc":["body"],"msg":"Input should be less than or equal to 50",\
                "input":"51","ctx":{"le":50}}]""");
        assertThat(check("BoundedInt", "0").errors()).extracting(ValidationError::msg)
                .containsExactly("Input should be greater than or equal to 1");
    }

    @Test
    void numbersAndBooleans() {
        assertThat(check("Num", "\"2.5\"").value()).isEqualTo(json("2.5"));
        assertThat(check("Num", "2").value()).isEqualTo(json("2.0"));
        assertThat(errorsJson(check("Num", "0.5"))).isEqualTo("""
                [{"type":"greater_than","loc":["body"],"msg":"Input should be greater than 0.5","input":0.5,\
                "ctx":{"gt":0.5}}]""");
        assertThat(check("Num", "\"abc\"").errors()).extracting(ValidationError::type, ValidationError::msg)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("float_parsing",
                        "Input should be a valid number, unable to parse string as a number"));
        assertThat(check("Num", "null").errors()).extracting(ValidationError::type).containsExactly("float_type");
        for (String yes : new String[] {"\"true\"", "\"YES\"", "\"1\"", "\"on\"", "1", "true"}) {
            assertThat(check("Bool", yes).value()).as(yes).isEqualTo(json("true"));
        }
        for (String no : new String[] {"\"false\"", "\"no\"", "\"0\"", "\"off\"", "0", "false"}) {
            assertThat(check("Bool", no).value()).as(no).isEqualTo(json("false"));
        }
        assertThat(check("Bool", "2").errors()).extracting(ValidationError::type).containsExactly("bool_parsing");
        assertThat(check("Bool", "{}").errors()).extracting(ValidationError::type).containsExactly("bool_type");
    }

    @Test
    void strings() {
        assertThat(check("Str", "12").errors()).extracting(ValidationError::type).containsExactly("string_type");
        assertThat(errorsJson(check("Str", "\"a\""))).isEqualTo("""
                [{"type":"string_too_short","loc":["body"],"msg":"String should have at least 2 characters",\
                "input":"a","ctx":{"min_length":2}}]""");
        assertThat(check("Str", "\"abcd\"").errors()).extracting(ValidationError::msg)
                .containsExactly("String should have at most 3 characters");
        assertThat(check("Str", "\"\uD83D\uDE00\uD83D\uDE00\"").ok()).as("length counts code points").isTrue();
    }

    @Test
    void datetimesDatesDurationsAndUuids() {
        assertThat(check("When", "\"2024-01-02T03:04:05Z\"").value()).isEqualTo(json("\"2024-01-02T03:04:05+00:00\""));
        assertThat(check("When", "\"2024-01-02 03:04\"").value()).isEqualTo(json("\"2024-01-02T03:04:00+00:00\""));
        assertThat(check("When", "\"2024-01-02t03:04:05.123456789+0530\"").value())
                .isEqualTo(json("\"2024-01-02T03:04:05.123456+05:30\""));
        assertThat(check("When", "\"2024-01-02\"").value()).isEqualTo(json("\"2024-01-02T00:00:00+00:00\""));
        assertThat(check("When", "0").value()).isEqualTo(json("\"1970-01-01T00:00:00+00:00\""));
        assertThat(check("When", "\"2024-13-01T00:00:00\"").errors()).extracting(ValidationError::msg)
                .containsExactly("Input should be a valid datetime, month value is outside expected range of 1-12");
        assertThat(check("When", "\"2024-01-01X00:00\"").errors()).extracting(ValidationError::msg).containsExactly(
                "Input should be a valid datetime, invalid datetime separator, expected `T`, `t`, `_` or space");
        assertThat(check("When", "true").errors()).extracting(ValidationError::type).containsExactly("datetime_type");
        assertThat(check("Day", "\"2024-02-30\"").errors()).extracting(ValidationError::type)
                .containsExactly("date_parsing");
        assertThat(check("Seconds", "\"PT1H30M\"").value()).isEqualTo(json("5400.0"));
        assertThat(check("Seconds", "\"01:00:00\"").value()).isEqualTo(json("3600.0"));
        assertThat(check("Seconds", "90").value()).isEqualTo(json("90.0"));
        assertThat(check("Id", "\"{5F2C7A3E-1B4D-4C8E-9F0A-1234567890AB}\"").value())
                .isEqualTo(json("\"5f2c7a3e-1b4d-4c8e-9f0a-1234567890ab\""));
        assertThat(check("Id", "\"urn:uuid:5f2c7a3e1b4d4c8e9f0a1234567890ab\"").ok()).isTrue();
        assertThat(check("Id", "\"5f2c7a3e-1b4d-4c8e-9f0a1234567890ab\"").errors()).extracting(ValidationError::msg)
                .containsExactly("Input should be a valid UUID, invalid group count: expected 5, found 4");
        assertThat(check("Id", "7").errors()).extracting(ValidationError::type, ValidationError::msg).containsExactly(
                org.assertj.core.groups.Tuple.tuple("uuid_type", "UUID input should be a string, bytes or UUID object"));
    }

    @Test
    void arraysSetsAndTuples() {
        assertThat(errorsJson(check("Names", "[]"))).isEqualTo("""
                [{"type":"too_short","loc":["body"],"msg":"List should have at least 1 item after validation, not 0",\
                "input":[],"ctx":{"field_type":"List","min_length":1,"actual_length":0}}]""");
        assertThat(check("Names", "[\"a\",\"b\",\"c\"]").errors()).extracting(ValidationError::msg)
                .containsExactly("List should have at most 2 items after validation, not 3");
        assertThat(check("Names", "[\"a\", 1]").errors()).extracting(ValidationError::loc)
                .containsExactly(java.util.List.of("body", 1));
        assertThat(check("NameSet", "[\"a\",\"b\",\"a\"]").value()).isEqualTo(json("[\"a\",\"b\"]"));
        assertThat(check("Pair", "[\"a\", \"2\"]").value()).isEqualTo(json("[\"a\", 2]"));
        assertThat(errorsJson(check("Pair", "[\"a\"]"))).isEqualTo("""
                [{"type":"missing","loc":["body",1],"msg":"Field required","input":["a"]}]""");
        assertThat(check("Pair", "{}").errors()).extracting(ValidationError::type).containsExactly("tuple_type");
    }

    @Test
    void literalsEnumsDiscriminatorsAllOfAndRecursion() {
        assertThat(errorsJson(check("Kind", "\"dog\""))).isEqualTo("""
                [{"type":"literal_error","loc":["body"],"msg":"Input should be 'cat'","input":"dog",\
                "ctx":{"expected":"'cat'"}}]""");
        assertThat(check("Choice", "\"c\"").errors()).extracting(ValidationError::type).containsExactly("enum");
        assertThat(check("Pet", "{\"kind\": \"cat\", \"lives\": \"9\"}").value())
                .isEqualTo(json("{\"kind\": \"cat\", \"lives\": 9}"));
        assertThat(check("Pet", "{\"kind\": \"cat\", \"lives\": \"x\"}").errors()).extracting(ValidationError::loc)
                .containsExactly(java.util.List.of("body", "cat", "lives"));
        assertThat(check("Pet", "{\"kind\": \"cow\"}").errors()).extracting(ValidationError::type)
                .containsExactly("union_tag_invalid");
        assertThat(check("Pet", "{}").errors()).extracting(ValidationError::type)
                .containsExactly("union_tag_not_found");
        assertThat(check("Both", "{\"kind\": \"dog\", \"extra\": 1}").value()).isEqualTo(json("{\"kind\": \"dog\"}"));
        assertThat(check("Loose", "{\"a\": \"1\", \"b\": 2}").value()).as("ignored extras are dropped")
                .isEqualTo(json("{\"a\": 1}"));
        assertThat(check("Node", "{\"child\": {\"child\": {\"child\": null}}}").ok()).isTrue();
        assertThat(check("Node", "{\"child\": {\"child\": {\"x\": 1}}}").errors()).extracting(ValidationError::loc)
                .containsExactly(java.util.List.of("body", "child", "child", "x"));
    }
}
