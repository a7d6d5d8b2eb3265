package dev.ticketing.queue.api;

import dev.ticketing.queue.application.QueueService;
import dev.ticketing.support.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** For the gateway only (never routed to the public): one Redis round trip per call. */
@RestController
@Tag(name = "Internal", description = "Called by gateway-service inside the cluster")
class InternalQueueController {

    private final QueueService queue;
    private final Clock clock;

    InternalQueueController(QueueService queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    @GetMapping("/internal/queue/tokens/{token}")
    @Operation(summary = "Validate a queue token",
            description = "Whose token it is and what it grants. EXPIRED tokens are remembered for a while"
                    + " (ticketing.queue.expired-tombstone-ttl); after that they are unknown.")
    @ApiResponse(responseCode = "200", description = "WAITING (with position), ACTIVE (with expiry) or EXPIRED",
            content = @Content(schema = @Schema(implementation = InternalTokenResponse.class)))
    @ApiResponse(responseCode = "404", description = "TOKEN_INVALID: malformed or unknown",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: Redis is down",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<?> validate(@PathVariable String token) {
        return queue.find(token)
                .<ResponseEntity<?>>map(view -> ResponseEntity.ok(InternalTokenResponse.of(view, clock.instant())))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND,
                        "TOKEN_INVALID", "The queue token is malformed or unknown")));
    }
}
