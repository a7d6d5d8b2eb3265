package dev.ticketing.gateway.domain;

import java.time.Instant;

/**
 * What a verified admission token says (its signature, issuer and type already checked): {@code userId} was
 * admitted to {@code room} until {@code expiresAt}; {@code id} is its {@code jti}, the name a revocation uses.
 */
public record Admission(String id, long userId, String room, Instant expiresAt) {
}
