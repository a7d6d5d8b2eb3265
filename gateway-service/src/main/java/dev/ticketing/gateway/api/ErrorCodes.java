package dev.ticketing.gateway.api;

/** The codes the gateway answers with (docs/conventions.md). */
final class ErrorCodes {

    static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    static final String ACCESS_TOKEN_INVALID = "ACCESS_TOKEN_INVALID";
    static final String ACCESS_DENIED = "ACCESS_DENIED";
    static final String TOKEN_NOT_YOURS = "TOKEN_NOT_YOURS";
    static final String TOKEN_INVALID = "TOKEN_INVALID";
    static final String TOKEN_EXPIRED = "TOKEN_EXPIRED";
    static final String TOKEN_WAITING = "TOKEN_WAITING";
    static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    static final String RATE_LIMITED = "RATE_LIMITED";
    static final String INVALID_REQUEST = "INVALID_REQUEST";
    static final String NOT_FOUND = "NOT_FOUND";
    static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";

    private ErrorCodes() {
    }
}
