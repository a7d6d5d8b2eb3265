package dev.ticketing.queue.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The body of {@code POST /api/queue/tokens}: absent or {@code {}}. The token is issued for the authenticated user
 * ({@code X-User-Id}, set by the gateway from the access token); a {@code userId} sent by older clients is accepted and
 * ignored (docs/conventions.md); any other field is treated like an unknown field anywhere else (service-support).
 */
@JsonIgnoreProperties(value = "userId")
public record IssueTokenRequest() {
}
