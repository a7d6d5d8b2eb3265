package dev.ticketing.concert.api;

import dev.ticketing.concert.api.ConcertResponses.ReservationResponse;
import dev.ticketing.concert.application.HoldSeat;
import dev.ticketing.concert.application.ReservationQuery;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.support.idempotency.IdempotentRequests;
import dev.ticketing.support.web.IdentityHeaders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/reservations")
@Tag(name = "Reservations", description = "Temporary seat holds, to be paid through payment-service")
@ApiResponse(responseCode = "400", description = "INVALID_REQUEST or MALFORMED_REQUEST: bad ids, missing fields,"
        + " malformed JSON")
@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no X-User-Id (not called through the gateway)")
class ReservationController {

    private final HoldSeat holdSeat;
    private final ReservationQuery reservations;
    private final IdempotentRequests idempotentRequests;

    ReservationController(HoldSeat holdSeat, ReservationQuery reservations, IdempotentRequests idempotentRequests) {
        this.holdSeat = holdSeat;
        this.reservations = reservations;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping
    @Operation(summary = "Hold a seat for the user until holdExpiresAt (5 minutes by default)",
            description = "With an Idempotency-Key, a retry with the same key and body holds nothing again and answers"
                    + " the first 201 (with Idempotent-Replayed: true), also after a crash of the service.")
    @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key", required = false,
            description = "Optional. A quoted string (\"8e03978e-40d5-43e8-bc93-6894a57f9324\"), or bare as before;"
                    + " 1 to 100 printable ASCII characters, per user, kept 24 h", schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "201", description = "Held; pay for it before holdExpiresAt. A replay of a key is the"
            + " same 201 with Idempotent-Replayed: true")
    @ApiResponse(responseCode = "404", description = "CONCERT_NOT_FOUND, CONCERT_DATE_NOT_FOUND or SEAT_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "SEAT_NOT_AVAILABLE (held by someone, sold, or the date has"
            + " begun), HOLD_LIMIT_REACHED (the user already has the maximum of live holds), or"
            + " IDEMPOTENCY_KEY_IN_USE + Retry-After (a request with this key is still being processed)")
    @ApiResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_REUSED: the key came first with another body")
    ResponseEntity<ReservationResponse> hold(
            @UserId @RequestHeader(IdentityHeaders.USER_ID) @Positive long userId,
            @Valid @RequestBody HoldRequest request) {
        Reservation reservation = idempotentRequests.execute(userId, "POST /api/reservations", request,
                Reservation.class, () -> holdSeat.hold(new HoldSeat.Command(userId, request.concertId(),
                        request.dateId(), request.seatId())));
        return ResponseEntity.created(URI.create("/api/reservations/" + reservation.id()))
                .body(ReservationResponse.of(reservation));
    }

    @GetMapping("/{reservationId}")
    @Operation(summary = "One of the user's own reservations and its status")
    @ApiResponse(responseCode = "200", description = "The reservation")
    @ApiResponse(responseCode = "404", description = "RESERVATION_NOT_FOUND (also someone else's reservation)")
    ReservationResponse reservation(
            @UserId @RequestHeader(IdentityHeaders.USER_ID) @Positive long userId,
            @PathVariable long reservationId) {
        return ReservationResponse.of(reservations.ownReservation(userId, reservationId));
    }
}
