package dev.ticketing.queue.api;

import jakarta.validation.constraints.Positive;

/**
 * The body of {@code POST /api/queue/tokens}: {@code {"concertId": n}} joins that concert's room; absent, {@code {}}
 * or without {@code concertId} joins the room {@code default} (older clients; switched off with
 * {@code QUEUE_DEFAULT_ROOM_ENABLED=false}). The token is issued for the authenticated user ({@code X-User-Id}, set by
 * the gateway from the access token). A {@code userId} sent by older clients is read as strictly as any number (a
 * whole {@code long}: no fraction, string or huge exponent) and then ignored (docs/conventions.md), so a malformed one
 * is still a 400 rather than silently accepted.
 */
public record IssueTokenRequest(Long userId, @Positive Long concertId) {
}
