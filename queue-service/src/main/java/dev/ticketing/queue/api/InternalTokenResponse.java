package dev.ticketing.queue.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.queue.application.QueueService.TokenView;
import dev.ticketing.queue.domain.TokenState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** What the gateway needs to route a request: whose token it is and what it grants. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InternalTokenResponse(
        long userId,
        TokenStatus status,
        @Schema(description = "WAITING only") Long position,
        @Schema(description = "WAITING only") Long estimatedWaitSeconds,
        @Schema(description = "ACTIVE only") Instant expiresAt,
        @Schema(description = "ACTIVE only: the room the user was admitted to") String room) {

    static InternalTokenResponse of(TokenView view) {
        return switch (view.state()) {
            case TokenState.Waiting w -> new InternalTokenResponse(w.userId(), TokenStatus.WAITING, w.position(),
                    view.estimatedWaitSeconds(), null, null);
            case TokenState.Active a -> new InternalTokenResponse(a.userId(), TokenStatus.ACTIVE, null, null,
                    a.expiresAt(), a.room());
            case TokenState.Expired e -> new InternalTokenResponse(e.userId(), TokenStatus.EXPIRED, null, null, null, null);
            case TokenState.Unknown u -> throw new IllegalStateException("An unknown token has no status");
        };
    }
}
