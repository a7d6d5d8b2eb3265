package dev.ticketing.userpoint.api;

final class ApiPatterns {

    /** Must accept exactly what {@link dev.ticketing.userpoint.domain.OperationKey#isValid} accepts. */
    static final String IDEMPOTENCY_KEY = "[\\x21-\\x7E]{1,100}";

    private ApiPatterns() {
    }
}
