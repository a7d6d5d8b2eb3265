package dev.ticketing.support.web;

/** Headers of the public API. {@code X-User-Id} is set by the gateway from the queue token, never by a client. */
public final class IdentityHeaders {

    public static final String USER_ID = "X-User-Id";
    public static final String QUEUE_TOKEN = "X-Queue-Token";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private IdentityHeaders() {
    }
}
