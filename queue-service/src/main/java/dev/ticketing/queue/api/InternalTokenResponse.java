package dev.ticketing.queue.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.queue.application.QueueService.TokenView;
import dev.ticketing.queue.domain.TokenStanding;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;

/**
 * What the gateway needs to route a request: whose token it is, in which room, and what it grants. A pre-queued token
 * is told as WAITING (it grants what waiting grants) without a position, with the time to the opening as its wait.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InternalTokenResponse(
        long userId,
        TokenStatus status,
        @Schema(description = "\"default\" or the concert id; absent once EXPIRED") String room,
        @Schema(description = "WAITING only (absent before the room's opening)") Long position,
        @Schema(description = "WAITING only") Long estimatedWaitSeconds,
        @Schema(description = "WAITING before the room's opening only") Instant opensAt,
        @Schema(description = "ACTIVE only") Instant expiresAt) {

    static InternalTokenResponse of(TokenView view, Instant now) {
        String room = view.room() == null ? null : view.room().value();
        return switch (view.state()) {
            case TokenStanding.PreQueued p -> new InternalTokenResponse(p.userId(), TokenStatus.WAITING, room, null,
                    Math.max(0, Duration.between(now, p.opensAt()).toSeconds()), p.opensAt(), null);
            case TokenStanding.Waiting w -> new InternalTokenResponse(w.userId(), TokenStatus.WAITING, room,
                    w.position(), view.estimatedWaitSeconds(), null, null);
            case TokenStanding.Active a -> new InternalTokenResponse(a.userId(), TokenStatus.ACTIVE, room, null, null,
                    null, a.expiresAt());
            case TokenStanding.Expired e -> new InternalTokenResponse(e.userId(), TokenStatus.EXPIRED, null, null, null,
                    null, null);
            case TokenStanding.Unknown u -> throw new IllegalStateException("An unknown token has no status");
        };
    }
}
