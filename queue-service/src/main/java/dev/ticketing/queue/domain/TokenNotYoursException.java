package dev.ticketing.queue.domain;

/** A queue token presented by another user than the one it was issued to. */
public class TokenNotYoursException extends RuntimeException {

    public TokenNotYoursException() {
        super("This queue token belongs to another user");
    }
}
