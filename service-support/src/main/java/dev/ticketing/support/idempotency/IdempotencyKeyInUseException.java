package dev.ticketing.support.idempotency;

/** 409 {@code IDEMPOTENCY_KEY_IN_USE} + {@code Retry-After}: a request with this key is still being processed. */
public class IdempotencyKeyInUseException extends RuntimeException {

    private final long retryAfterSeconds;

    public IdempotencyKeyInUseException(long retryAfterSeconds) {
        super("A request with this Idempotency-Key is still being processed; send it again after Retry-After");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
