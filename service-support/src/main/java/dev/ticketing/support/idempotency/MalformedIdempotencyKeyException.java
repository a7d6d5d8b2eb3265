package dev.ticketing.support.idempotency;

/** 400 {@code INVALID_REQUEST}: the {@code Idempotency-Key} header breaks {@link IdempotencyKey#RULE}. */
public class MalformedIdempotencyKeyException extends RuntimeException {

    public MalformedIdempotencyKeyException(String message) {
        super(message);
    }
}
