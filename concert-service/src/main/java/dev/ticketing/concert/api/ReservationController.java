package dev.ticketing.concert.api;

import dev.ticketing.concert.api.ConcertResponses.MyReservationsResponse;
import dev.ticketing.concert.api.ConcertResponses.ReservationResponse;
import dev.ticketing.concert.application.CancelReservation;
import dev.ticketing.concert.application.HoldSeat;
import dev.ticketing.concert.application.ReservationQuery;
import dev.ticketing.concert.domain.ConcertException;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.ReservationStatus;
import dev.ticketing.support.idempotency.IdempotentRequests;
import dev.ticketing.support.web.AdmittedRoom;
import dev.ticketing.support.web.CallerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/reservations")
@Tag(name = "Reservations", description = "Temporary seat holds, to be paid through payment-service")
@ApiResponse(responseCode = "400", description = "INVALID_REQUEST or MALFORMED_REQUEST: bad ids, missing fields,"
        + " malformed JSON")
@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no X-User-Id (not called through the gateway)")
@ApiResponse(responseCode = "403", description = "WRONG_ROOM (holds, a reservation): the admission is for another"
        + " concert's room")
class ReservationController {

    private final HoldSeat holdSeat;
    private final CancelReservation cancelReservation;
    private final ReservationQuery reservations;
    private final IdempotentRequests idempotentRequests;

    ReservationController(HoldSeat holdSeat, CancelReservation cancelReservation, ReservationQuery reservations,
            IdempotentRequests idempotentRequests) {
        this.holdSeat = holdSeat;
        this.cancelReservation = cancelReservation;
        this.reservations = reservations;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping
    @Operation(summary = "Hold one seat ({concertId, dateId, seatId}) or several seats of one date ({concertId,"
            + " dateId, seatIds: [...]}, all or nothing) for the user until holdExpiresAt (5 minutes by default)",
            description = "With an Idempotency-Key, a retry with the same key and body holds nothing again and answers"
                    + " the first 201 (with Idempotent-Replayed: true), also after a crash of the service.")
    @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key", required = false,
            description = "Optional. A quoted string (\"8e03978e-40d5-43e8-bc93-6894a57f9324\"), or bare as before;"
                    + " 1 to 100 printable ASCII characters, per user, kept 24 h", schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "201", description = "Held, in one reservation whose price is the total; pay for it"
            + " before holdExpiresAt. A replay of a key is the same 201 with Idempotent-Replayed: true")
    @ApiResponse(responseCode = "400", description = "INVALID_REQUEST: neither or both of seatId and seatIds, an empty"
            + " seatIds, a seat named twice, more seats than the per-user limit; MALFORMED_REQUEST: bad JSON")
    @ApiResponse(responseCode = "404", description = "CONCERT_NOT_FOUND, CONCERT_DATE_NOT_FOUND or SEAT_NOT_FOUND (a"
            + " seat of another date too)")
    @ApiResponse(responseCode = "409", description = "SEAT_NOT_AVAILABLE (held by someone, sold, or the date has"
            + " begun; the body's seatIds names the seats taken and none was held), HOLD_LIMIT_REACHED (the user"
            + " would hold more than the maximum of live held seats), PURCHASE_LIMIT_REACHED (the user's held and"
            + " bought seats of the date would exceed the per-date limit), or IDEMPOTENCY_KEY_IN_USE + Retry-After (a"
            + " request with this key is still being processed)")
    @ApiResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_REUSED: the key came first with another body")
    ResponseEntity<ReservationResponse> hold(
            @CallerId long userId,
            @Parameter(hidden = true) AdmittedRoom admittedRoom,
            @Valid @RequestBody HoldRequest request) {
        admittedRoom.requireConcert(request.concertId());
        Reservation reservation = idempotentRequests.execute(userId, "POST /api/reservations", request,
                Reservation.class, () -> holdSeat.hold(new HoldSeat.Command(userId, request.concertId(),
                        request.dateId(), request.seats())));
        return ResponseEntity.created(URI.create("/api/reservations/" + reservation.id()))
                .body(ReservationResponse.of(reservation));
    }

    @GetMapping("/{reservationId}")
    @Operation(summary = "One of the user's own reservations and its status")
    @ApiResponse(responseCode = "200", description = "The reservation")
    @ApiResponse(responseCode = "404", description = "RESERVATION_NOT_FOUND (also someone else's reservation)")
    ReservationResponse reservation(
            @CallerId long userId,
            @Parameter(hidden = true) AdmittedRoom admittedRoom,
            @PathVariable long reservationId) {
        Reservation reservation = reservations.ownReservation(userId, reservationId);
        admittedRoom.requireConcert(reservation.concertId());
        return ReservationResponse.of(reservation);
    }

    @GetMapping
    @Operation(summary = "The user's own reservations (\"My tickets\"), newest first, one page at a time")
    @ApiResponse(responseCode = "200", description = "One page: items with concert, date, seats, price, status, hold"
            + " expiry and the payment where paid; total over all pages")
    @ApiResponse(responseCode = "400", description = "INVALID_REQUEST: status not HELD, CONFIRMED or RELEASED, page"
            + " below 0 or above 100000, size outside 1..100")
    MyReservationsResponse myReservations(
            @CallerId long userId,
            @Parameter(description = "only reservations in this status", schema = @Schema(
                    allowableValues = {"HELD", "CONFIRMED", "RELEASED"}))
            @RequestParam(required = false) String status,
            @Parameter(description = "page number, from 0") @RequestParam(defaultValue = "0") @Min(0) @Max(100_000)
            int page,
            @Parameter(description = "items per page") @RequestParam(defaultValue = "20") @Min(1) @Max(100)
            int size) {
        return MyReservationsResponse.of(reservations.reservationsOf(userId, statusOf(status), page, size));
    }

    @DeleteMapping("/{reservationId}")
    @Operation(summary = "Cancel the user's hold: its seats are available again at once (SeatReleased, reason"
            + " CANCELLED); cancelling again answers the same")
    @ApiResponse(responseCode = "200", description = "The reservation, RELEASED (also when it had already been"
            + " released: nothing changes)")
    @ApiResponse(responseCode = "404", description = "RESERVATION_NOT_FOUND (also someone else's reservation)")
    @ApiResponse(responseCode = "409", description = "RESERVATION_ALREADY_PAID: a paid reservation is a sale")
    ReservationResponse cancel(
            @CallerId long userId,
            @PathVariable @Positive long reservationId) {
        return ReservationResponse.of(cancelReservation.cancel(userId, reservationId));
    }

    /** Exactly a status name: no trimming, no other letter case (Spring's enum conversion trims). */
    private static Optional<ReservationStatus> statusOf(String status) {
        if (status == null) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(ReservationStatus.values())
                .filter(candidate -> candidate.name().equals(status))
                .findFirst()
                .orElseThrow(() -> new ConcertException.InvalidRequest(
                        "status must be HELD, CONFIRMED or RELEASED")));
    }
}
