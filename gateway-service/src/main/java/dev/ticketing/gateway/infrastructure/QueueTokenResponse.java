package dev.ticketing.gateway.infrastructure;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ticketing.gateway.domain.OpaqueTokenStatus;
import dev.ticketing.gateway.domain.OpaqueTokenView;
import java.time.Instant;

/** queue-service's {@code GET /internal/queue/tokens/{token}} answer; fields it adds later are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
record QueueTokenResponse(Long userId, String status, Long position, Long estimatedWaitSeconds, Instant expiresAt,
        String room) {

    OpaqueTokenView toState() {
        return new OpaqueTokenView(userId == null ? 0 : userId, OpaqueTokenStatus.parse(status),
                position == null ? 0 : position, estimatedWaitSeconds == null ? 0 : estimatedWaitSeconds, expiresAt,
                room);
    }
}
