/**
 * Request validation against Prefect's {@code openapi.json}, answering invalid input the way Prefect's
 * FastAPI/Pydantic v2 server does.
 *
 * <p>Use: load {@link io.baton.http.validation.OpenApiContract} once; per request look up the
 * {@link io.baton.http.validation.Operation}, check {@code pathParamMatches} (false means 404), parse the body with
 * {@link io.baton.http.validation.JsonBodyParser} (a {@link io.baton.http.validation.MalformedJsonException} becomes
 * a {@code json_invalid} error with the raw text echoed as {@code request_body}), then run
 * {@code validatePath}, {@code validateQuery} and {@code validateBody}; concatenate the errors and, if any, answer
 * 422 with {@link io.baton.http.validation.ValidationErrors#body}. Handlers read the coerced
 * {@link io.baton.http.validation.Validation#value()}.
 *
 * <p>Schema keywords handled: {@code $ref}, {@code type} (also as a list), {@code anyOf}/{@code oneOf} (nullable
 * idiom, smart-mode unions), {@code discriminator}, {@code allOf}, {@code enum}, {@code const}, {@code properties},
 * {@code required}, {@code additionalProperties} (false, true, schema, absent = ignore and drop), {@code items},
 * {@code prefixItems}, {@code uniqueItems} (set semantics: de-duplicate), {@code minItems}/{@code maxItems},
 * {@code minLength}/{@code maxLength}, {@code pattern}, {@code minimum}/{@code maximum}/{@code exclusiveMinimum}/
 * {@code exclusiveMaximum}, {@code format} uuid/date-time/date/duration/time-delta. Ignored, because Pydantic does
 * not validate them: annotations ({@code title}, {@code description}, {@code default} inside models,
 * {@code examples}, {@code deprecated}, {@code writeOnly}, {@code contentMediaType},
 * {@code supported_environment_variables}), the non-standard {@code min_items}, and formats
 * {@code password}/{@code path}/{@code uri}.
 *
 * <p>Approximations: union branch tags use the model title or a Python-like type name ({@code str}, {@code int},
 * {@code list[str]}); among several successful union branches the first wins (Pydantic may prefer the branch with
 * more fields set); datetime/uuid/duration parse error texts cover the common cases; Python 3.12 json decoder
 * messages are used (3.13 words trailing commas differently).
 */
package io.baton.http.validation;
