package dev.ticketing.gateway.domain;

import java.time.Instant;

/** The gateway's answer for one request's queue token. */
public sealed interface Verdict {

    /**
     * Let the request through as this user; {@code activeUntil} and {@code room} (forwarded as
     * {@code X-Admitted-Room}) are set when the user was admitted, null for a waiting token on a route that allows it.
     */
    record Allowed(long userId, Instant activeUntil, String room) implements Verdict {
    }

    /** Missing, malformed, unknown to queue-service, or in a state the gateway does not understand. */
    record TokenInvalid(String reason) implements Verdict {
    }

    record TokenExpired() implements Verdict {
    }

    /** The token is another user's than the caller's (whatever its state, which is not told). */
    record NotYours() implements Verdict {
    }

    /** A waiting token on a route that needs an active one: the client polls again later. */
    record StillWaiting(long position, long estimatedWaitSeconds) implements Verdict {
    }

    /** queue-service could not be asked (down, slow, circuit open): the request is refused, never waved through. */
    record Unverifiable(String reason) implements Verdict {
    }
}
