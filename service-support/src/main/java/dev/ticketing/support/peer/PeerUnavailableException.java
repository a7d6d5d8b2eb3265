package dev.ticketing.support.peer;

/**
 * A peer cannot answer now: unreachable, no whole answer within its read timeout, a 5xx, or its circuit breaker open
 * (then it was not called). The caller translates it into its own domain error (a 503, a pending answer); any answer
 * below 500 is the caller's to read and never ends up here.
 */
public class PeerUnavailableException extends RuntimeException {

    private final String peer;

    public PeerUnavailableException(String peer, String reason, Throwable cause) {
        super(peer + ": " + reason, cause);
        this.peer = peer;
    }

    /** The peer's name, as in {@code peers.<name>}. */
    public String peer() {
        return peer;
    }
}
