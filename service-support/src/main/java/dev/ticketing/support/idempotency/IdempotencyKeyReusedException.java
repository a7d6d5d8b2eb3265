package dev.ticketing.support.idempotency;

/** 422 {@code IDEMPOTENCY_KEY_REUSED}: the key was first sent with another request (method, path or body). */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used for a different request; use a new key for a new request");
    }
}
