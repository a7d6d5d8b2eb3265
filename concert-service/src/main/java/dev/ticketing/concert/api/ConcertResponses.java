package dev.ticketing.concert.api;

import dev.ticketing.concert.domain.Concert;
import dev.ticketing.concert.domain.ConcertDateAvailability;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.ReservationStatus;
import dev.ticketing.concert.domain.SeatStatus;
import dev.ticketing.concert.domain.SeatView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The JSON of the public API, exactly as docs/conventions.md fixes it. */
final class ConcertResponses {

    private ConcertResponses() {
    }

    record ConcertResponse(long id, String title, String artist) {
        static ConcertResponse of(Concert concert) {
            return new ConcertResponse(concert.id(), concert.title(), concert.artist());
        }
    }

    record ConcertDateResponse(long dateId, long concertId, Instant startsAt,
            @Schema(description = "seats that can still be held") int availableSeats) {
        static ConcertDateResponse of(ConcertDateAvailability date) {
            return new ConcertDateResponse(date.dateId(), date.concertId(), date.startsAt(), date.availableSeats());
        }
    }

    record SeatResponse(long seatId, int seatNumber, @Schema(description = "in points") long price,
            SeatStatus status) {
        static SeatResponse of(SeatView seat) {
            return new SeatResponse(seat.seatId(), seat.seatNumber(), seat.price(), seat.status());
        }
    }

    record ReservationResponse(long reservationId, long concertId, long dateId, long seatId, int seatNumber,
            @Schema(description = "in points") long price,
            @Schema(description = "HELD until paid (CONFIRMED) or released after holdExpiresAt (RELEASED)")
            ReservationStatus status,
            Instant holdExpiresAt) {
        static ReservationResponse of(Reservation reservation) {
            return new ReservationResponse(reservation.id(), reservation.concertId(), reservation.dateId(),
                    reservation.seatId(), reservation.seatNumber(), reservation.price(), reservation.status(),
                    reservation.holdExpiresAt());
        }
    }
}
