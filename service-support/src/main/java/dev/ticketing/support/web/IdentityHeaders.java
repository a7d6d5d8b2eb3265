package dev.ticketing.support.web;

/** Headers of the public API. {@code X-User-Id} is set by the gateway from the queue token, never by a client. */
public final class IdentityHeaders {

    public static final String USER_ID = "X-User-Id";
    public static final String QUEUE_TOKEN = "X-Queue-Token";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /**
     * The waiting room the request's admission is for, set by the gateway from the verified admission ({@code
     * "default"} or a concert id); read through {@link AdmittedRoom}, never directly.
     */
    public static final String ADMITTED_ROOM = "X-Admitted-Room";

    private IdentityHeaders() {
    }
}
