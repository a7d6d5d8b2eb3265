package dev.ticketing.concert.api;

import dev.ticketing.concert.api.ConcertResponses.ReservationResponse;
import dev.ticketing.concert.application.HoldSeat;
import dev.ticketing.concert.application.ReservationQuery;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.support.web.AdmittedRoom;
import dev.ticketing.support.web.IdentityHeaders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
@ApiResponse(responseCode = "403", description = "WRONG_ROOM: the admission is for another concert's room")
class ReservationController {

    private final HoldSeat holdSeat;
    private final ReservationQuery reservations;

    ReservationController(HoldSeat holdSeat, ReservationQuery reservations) {
        this.holdSeat = holdSeat;
        this.reservations = reservations;
    }

    @PostMapping
    @Operation(summary = "Hold a seat for the user until holdExpiresAt (5 minutes by default)")
    @ApiResponse(responseCode = "201", description = "Held; pay for it before holdExpiresAt")
    @ApiResponse(responseCode = "404", description = "CONCERT_NOT_FOUND, CONCERT_DATE_NOT_FOUND or SEAT_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "SEAT_NOT_AVAILABLE (held by someone, sold, or the date has"
            + " begun) or HOLD_LIMIT_REACHED (the user already has the maximum of live holds)")
    ResponseEntity<ReservationResponse> hold(
            @UserId @RequestHeader(IdentityHeaders.USER_ID) @Positive long userId,
            @Parameter(hidden = true) AdmittedRoom admittedRoom,
            @Valid @RequestBody HoldRequest request) {
        admittedRoom.requireConcert(request.concertId());
        Reservation reservation = holdSeat.hold(new HoldSeat.Command(userId, request.concertId(), request.dateId(),
                request.seatId()));
        return ResponseEntity.created(URI.create("/api/reservations/" + reservation.id()))
                .body(ReservationResponse.of(reservation));
    }

    @GetMapping("/{reservationId}")
    @Operation(summary = "One of the user's own reservations and its status")
    @ApiResponse(responseCode = "200", description = "The reservation")
    @ApiResponse(responseCode = "404", description = "RESERVATION_NOT_FOUND (also someone else's reservation)")
    ReservationResponse reservation(
            @UserId @RequestHeader(IdentityHeaders.USER_ID) @Positive long userId,
            @Parameter(hidden = true) AdmittedRoom admittedRoom,
            @PathVariable long reservationId) {
        Reservation reservation = reservations.ownReservation(userId, reservationId);
        admittedRoom.requireConcert(reservation.concertId());
        return ReservationResponse.of(reservation);
    }
}
