package dev.ticketing.support.json;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The one way every service reads JSON (docs/conventions.md, "Strict JSON"): a value is taken as written or refused,
 * never converted. {@code "3"} is not the number 3, {@code 90.5} is not the seat 90, {@code "１２"} is not 12, and of
 * {@code {"amount":999999999,"amount":1}} neither amount is believed. Unknown properties are ignored (a newer client
 * may send more), trailing tokens are refused, and the parser stops at the bounds below long before a hostile body
 * costs memory: no body of this API comes near them.
 */
public final class StrictJson {

    /** Our bodies are one or two levels deep. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** A {@code long} has at most 20 characters; a little room for a refused decimal to be read and named. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** The longest string of the API is an idempotency key of 100 characters. */
    public static final int MAX_STRING_LENGTH = 16 * 1024;
    public static final int MAX_NAME_LENGTH = 256;
    /** The gateway refuses bodies over 64 KiB; a caller inside the cluster gets a little more, never megabytes. */
    public static final long MAX_DOCUMENT_LENGTH = 256 * 1024;
    public static final long MAX_TOKEN_COUNT = 10_000;

    private StrictJson() {
    }

    public static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                .maxTokenCount(MAX_TOKEN_COUNT)
                .build();
    }

    /** The parser factory with {@link #constraints()}: Jackson 3 takes it only when a mapper builder is created. */
    public static JsonFactory factory() {
        return JsonFactory.builder().streamReadConstraints(constraints()).build();
    }

    /** A mapper builder with the strict factory and the strict reading rules. */
    public static JsonMapper.Builder builder() {
        return strict(JsonMapper.builder(factory()));
    }

    /** The strict reading rules, applied to {@code builder} (which should have been made with {@link #factory()}). */
    public static JsonMapper.Builder strict(JsonMapper.Builder builder) {
        return builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
                .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Integer, numbers -> numbers
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, numbers -> numbers
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, flags -> flags
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
