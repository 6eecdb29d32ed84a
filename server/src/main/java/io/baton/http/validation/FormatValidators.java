package io.baton.http.validation;

import static io.baton.http.validation.ValidationErrors.ctx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Validators for string formats that Pydantic types carry ({@code uuid}, {@code date-time}, {@code date},
 * {@code duration}/{@code time-delta}). In strict mode these reject JSON input, because strict Python-mode
 * validation wants a UUID/datetime object; union probing then falls back to lax mode.
 */
final class FormatValidators {
    private FormatValidators() {}

    record UuidValidator() implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            if (!input.isTextual() || strict) {
                sink.report("uuid_type", loc, "UUID input should be a string, bytes or UUID object", input, null);
                return null;
            }
            Uuids.Parsed parsed = Uuids.parse(input.textValue());
            if (parsed.error() != null) {
                sink.report("uuid_parsing", loc, "Input should be a valid UUID, " + parsed.error(), input,
                        ctx("error", parsed.error()));
                return null;
            }
            return TextNode.valueOf(parsed.canonical());
        }

        @Override
        public String tag() {
            return "uuid";
        }
    }

    /** Accepts datetime text or unix timestamps; the coerced value is Python isoformat text with an offset. */
    record DateTimeValidator() implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            TemporalParsing.Result<OffsetDateTime> result;
            if (strict) {
                result = null;
            } else if (input.isTextual()) {
                result = TemporalParsing.parseDateTime(input.textValue());
            } else if (input.isNumber()) {
                result = TemporalParsing.fromUnix(input.doubleValue());
            } else {
                result = null;
            }
            if (result == null) {
                sink.report("datetime_type", loc, "Input should be a valid datetime", input, null);
                return null;
            }
            if (result.error() != null) {
                sink.report("datetime_parsing", loc, "Input should be a valid datetime, " + result.error(), input,
                        ctx("error", result.error()));
                return null;
            }
            return TextNode.valueOf(TemporalParsing.format(result.value()));
        }

        @Override
        public String tag() {
            return "datetime";
        }
    }

    record DateValidator() implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            if (strict || !input.isTextual()) {
                sink.report("date_type", loc, "Input should be a valid date", input, null);
                return null;
            }
            TemporalParsing.Result<LocalDate> result = TemporalParsing.parseDate(input.textValue());
            if (result.error() != null) {
                sink.report("date_parsing", loc,
                        "Input should be a valid date in the format YYYY-MM-DD, " + result.error(), input,
                        ctx("error", result.error()));
                return null;
            }
            return TextNode.valueOf(result.value().toString());
        }

        @Override
        public String tag() {
            return "date";
        }
    }

    /**
     * A Python timedelta. {@code type: number, format: time-delta} fields are coerced to seconds;
     * {@code type: string, format: duration} fields keep their text.
     */
    record DurationValidator(boolean asSeconds) implements SchemaValidator {
        @Override
        public JsonNode validate(JsonNode input, Loc loc, ErrorSink sink, boolean strict) {
            Double seconds = null;
            if (!strict && input.isNumber()) {
                seconds = input.doubleValue();
            } else if (!strict && input.isTextual()) {
                seconds = TemporalParsing.parseDurationSeconds(input.textValue());
                if (seconds == null) {
                    String error = "invalid duration format";
                    sink.report("time_delta_parsing", loc, "Input should be a valid timedelta, " + error, input,
                            ctx("error", error));
                    return null;
                }
            }
            if (seconds == null) {
                sink.report("time_delta_type", loc, "Input should be a valid timedelta", input, null);
                return null;
            }
            return asSeconds || !input.isTextual() ? DoubleNode.valueOf(seconds) : input;
        }

        @Override
        public String tag() {
            return "timedelta";
        }
    }
}
