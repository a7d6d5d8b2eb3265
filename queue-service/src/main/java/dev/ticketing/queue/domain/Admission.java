package dev.ticketing.queue.domain;

import java.time.Instant;

/**
 * What an admission token says: {@code userId} was let into {@code room} at {@code admittedAt} and may book until
 * {@code expiresAt}. {@code id} names this admission (the token's {@code jti}): every copy signed for the same visit
 * carries it, so revoking it after a payment ends them all.
 */
public record Admission(String id, long userId, String room, Instant admittedAt, Instant expiresAt) {
}
