package dev.ticketing.gateway.domain;

import java.time.Instant;

/**
 * What queue-service knows about one token at the moment of a request. {@code position} and
 * {@code estimatedWaitSeconds} mean something only while WAITING, {@code expiresAt} and {@code room} only while
 * ACTIVE (may be null otherwise).
 */
public record TokenState(long userId, TokenStatus status, long position, long estimatedWaitSeconds, Instant expiresAt,
        String room) {
}
