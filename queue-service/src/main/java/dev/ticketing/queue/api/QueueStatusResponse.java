package dev.ticketing.queue.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.queue.application.QueueService.TokenView;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.domain.TokenStanding;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** {@code QueueStatus} of docs/conventions.md. Fields that do not apply to the status are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueStatusResponse(
        @Schema(description = "The waiting token: send it as X-Queue-Token to poll this status") String token,
        long userId,
        @Schema(description = "The concert whose room this is; absent for the default room") Long concertId,
        @Schema(allowableValues = {"PRE_QUEUE", "WAITING", "ACTIVE"}) TokenStatus status,
        @Schema(description = "WAITING only: how many are ahead, 0 = next") Long position,
        @Schema(description = "WAITING only: seconds until admission, from the observed admission rate")
        Long estimatedWaitSeconds,
        @Schema(description = "PRE_QUEUE only: when the pre-queue is drawn into a line") Instant opensAt,
        @Schema(description = "ACTIVE only: when the token stops granting access") Instant expiresAt,
        @Schema(description = "PRE_QUEUE and WAITING: poll again after this many seconds (also the Retry-After"
                + " header); larger for those far back") Long refreshAfterSeconds,
        @Schema(description = "ACTIVE only: the signed admission token (JWS, typ admission+jwt) for this room; send"
                + " it as X-Queue-Token on the booking routes until expiresAt. Absent when queue-service has no"
                + " signing key.") String admissionToken) {

    static QueueStatusResponse of(TokenView view) {
        String token = view.token().value();
        Long concertId = concertIdOf(view.room());
        return switch (view.state()) {
            case TokenStanding.PreQueued p -> new QueueStatusResponse(token, p.userId(), concertId,
                    TokenStatus.PRE_QUEUE, null, null, p.opensAt(), null, view.refreshAfterSeconds(), null);
            case TokenStanding.Waiting w -> new QueueStatusResponse(token, w.userId(), concertId, TokenStatus.WAITING,
                    w.position(), view.estimatedWaitSeconds(), null, null, view.refreshAfterSeconds(), null);
            case TokenStanding.Active a -> new QueueStatusResponse(token, a.userId(), concertId, TokenStatus.ACTIVE,
                    null, null, null, a.expiresAt(), null, view.admissionToken());
            case TokenStanding.Expired e -> throw new IllegalStateException("An expired token has no public status");
            case TokenStanding.Unknown u -> throw new IllegalStateException("An unknown token has no status");
        };
    }

    static Long concertIdOf(RoomId room) {
        return room == null || room.isDefault() ? null : Long.valueOf(room.value());
    }
}
