package dev.ticketing.concert.api;

import dev.ticketing.concert.application.ReservationQuery;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.ReservationStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * For payment-service only (never routed by the gateway): the authoritative state of a reservation, when
 * payment-service's event-fed view does not have it yet (a consumer rejoining its group, Kafka down).
 */
@RestController
@Tag(name = "Internal", description = "Called by payment-service inside the cluster")
class InternalReservationController {

    private final ReservationQuery reservations;

    InternalReservationController(ReservationQuery reservations) {
        this.reservations = reservations;
    }

    @GetMapping("/internal/reservations/{reservationId}")
    @Operation(summary = "A reservation as the database has it, whoever holds it")
    @ApiResponse(responseCode = "200", description = "HELD, CONFIRMED or RELEASED, with its holder and price")
    @ApiResponse(responseCode = "404", description = "RESERVATION_NOT_FOUND: no such reservation",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    InternalReservationResponse reservation(@PathVariable @Positive long reservationId) {
        return InternalReservationResponse.of(reservations.anyReservation(reservationId));
    }

    record InternalReservationResponse(long reservationId, long userId, long concertId, long dateId, long seatId,
            int seatNumber, long price, ReservationStatus status, Instant holdExpiresAt,
            List<ConcertResponses.ReservedSeatResponse> seats) {
        static InternalReservationResponse of(Reservation reservation) {
            return new InternalReservationResponse(reservation.id(), reservation.userId(), reservation.concertId(),
                    reservation.dateId(), reservation.seatId(), reservation.seatNumber(), reservation.price(),
                    reservation.status(), reservation.holdExpiresAt(),
                    ConcertResponses.ReservedSeatResponse.of(reservation.seats()));
        }
    }
}
