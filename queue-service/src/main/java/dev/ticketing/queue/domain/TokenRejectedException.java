package dev.ticketing.queue.domain;

/** A presented token does not grant anything: unknown/garbage, or expired. */
public class TokenRejectedException extends RuntimeException {

    public enum Reason { INVALID, EXPIRED }

    private final Reason reason;

    public TokenRejectedException(Reason reason) {
        super(reason == Reason.EXPIRED ? "The queue token has expired; ask for a new one"
                : "The queue token is missing, malformed or unknown");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
