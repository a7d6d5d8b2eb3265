package dev.ticketing.queue.api;

import dev.ticketing.queue.application.QueueService;
import dev.ticketing.queue.application.QueueService.TokenView;
import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.support.web.CallerId;
import dev.ticketing.support.web.IdentityHeaders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/queue/tokens")
@Tag(name = "Waiting room", description = "Queue tokens: a place in line, then a limited time of access")
class QueueController {

    private final QueueService queue;

    QueueController(QueueService queue) {
        this.queue = queue;
    }

    @PostMapping
    @Operation(summary = "Get a place in line",
            description = "Issues a token at the end of a concert's room ({\"concertId\": n}) for the authenticated"
                    + " user (X-User-Id, set by the gateway from the access token): WAITING, or PRE_QUEUE with opensAt"
                    + " before the room's scheduled opening. A user who already holds a live token in that room gets"
                    + " that same token and place back (200) instead of a second place; a user may wait in several"
                    + " rooms. Without a concertId (body absent or {}) the token is for the room \"default\"; a"
                    + " userId in the body is ignored.")
    @ApiResponse(responseCode = "201", description = "New token issued")
    @ApiResponse(responseCode = "200", description = "The user's live token, unchanged")
    @ApiResponse(responseCode = "400", description = "MALFORMED_REQUEST: a body that is not JSON;"
            + " INVALID_REQUEST: a concertId that is not positive; CONCERT_ID_REQUIRED: no concertId while the default"
            + " room is switched off",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no X-User-Id",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: Redis is down",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<QueueStatusResponse> issue(
            @CallerId long userId,
            @RequestBody(required = false) @Valid IssueTokenRequest request) {
        RoomId room = request == null || request.concertId() == null ? RoomId.DEFAULT
                : RoomId.ofConcert(request.concertId());
        TokenView view = queue.issue(userId, room);
        return answer(ResponseEntity.status(view.newlyIssued() ? HttpStatus.CREATED : HttpStatus.OK),
                QueueStatusResponse.of(view));
    }

    @GetMapping("/me")
    @Operation(summary = "Where my token stands", description = "Poll while PRE_QUEUE or WAITING, after the"
            + " Retry-After / refreshAfterSeconds the last answer gave. Once ACTIVE the answer carries the"
            + " admissionToken for the token's room, which the booking routes take as X-Queue-Token. One Redis round"
            + " trip.")
    @ApiResponse(responseCode = "200", description = "PRE_QUEUE with opensAt, WAITING with position,"
            + " refreshAfterSeconds and Retry-After, or ACTIVE with expiry and admissionToken",
            headers = @Header(name = "Retry-After", description = "PRE_QUEUE and WAITING: seconds until the next poll"))
    @ApiResponse(responseCode = "401", description = "TOKEN_INVALID (missing, malformed, unknown) / TOKEN_EXPIRED /"
            + " UNAUTHENTICATED (no X-User-Id)",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "TOKEN_NOT_YOURS: the token is another user's",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: Redis is down",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<QueueStatusResponse> me(
            @CallerId long userId,
            @Parameter(description = "The waiting token") @RequestHeader(
                    name = IdentityHeaders.QUEUE_TOKEN, required = false) String token) {
        return answer(ResponseEntity.ok(), QueueStatusResponse.of(queue.currentStatus(token, userId)));
    }

    /** A waiting client is told when to ask again, in the header (RFC 9110) and in the body. */
    private static ResponseEntity<QueueStatusResponse> answer(ResponseEntity.BodyBuilder answer,
            QueueStatusResponse status) {
        if (status.refreshAfterSeconds() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(status.refreshAfterSeconds()));
        }
        return answer.body(status);
    }
}
