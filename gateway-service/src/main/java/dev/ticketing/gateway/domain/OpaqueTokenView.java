package dev.ticketing.gateway.domain;

import java.time.Instant;

/**
 * The gateway's view of an opaque waiting token: what queue-service knows about it at the moment of a request. {@code position} and
 * {@code estimatedWaitSeconds} mean something only while WAITING, {@code expiresAt} and {@code room} only while
 * ACTIVE (may be null otherwise).
 */
public record OpaqueTokenView(long userId, OpaqueTokenStatus status, long position, long estimatedWaitSeconds,
        Instant expiresAt, String room) {
}
