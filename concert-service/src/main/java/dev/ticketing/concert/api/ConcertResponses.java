package dev.ticketing.concert.api;

import dev.ticketing.concert.domain.Concert;
import dev.ticketing.concert.domain.ConcertDateAvailability;
import dev.ticketing.concert.application.ReservationQuery;
import dev.ticketing.concert.application.ReservationStore.ReservationListing;
import dev.ticketing.concert.domain.ReleaseReason;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.ReservationStatus;
import dev.ticketing.concert.domain.ReservedSeat;
import dev.ticketing.concert.domain.SeatStatus;
import dev.ticketing.concert.domain.SeatView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

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

    record ReservedSeatResponse(long seatId, int seatNumber, @Schema(description = "in points") long price) {
        static List<ReservedSeatResponse> of(List<ReservedSeat> seats) {
            return seats.stream().map(seat -> new ReservedSeatResponse(seat.seatId(), seat.seatNumber(),
                    seat.price())).toList();
        }
    }

    record ReservationResponse(long reservationId, long concertId, long dateId,
            @Schema(description = "the first seat (lowest seat id); every seat is in seats") long seatId,
            int seatNumber,
            @Schema(description = "in points: the total of the reservation's seats") long price,
            @Schema(description = "HELD until paid (CONFIRMED) or released (RELEASED) after holdExpiresAt or when"
                    + " cancelled")
            ReservationStatus status,
            Instant holdExpiresAt,
            @Schema(description = "every seat of the reservation, in seat id order") List<ReservedSeatResponse> seats,
            @Schema(description = "the payment that bought it; null unless CONFIRMED") Long paymentId,
            @Schema(description = "EXPIRED or CANCELLED; null unless RELEASED") ReleaseReason releaseReason) {
        static ReservationResponse of(Reservation reservation) {
            return new ReservationResponse(reservation.id(), reservation.concertId(), reservation.dateId(),
                    reservation.seatId(), reservation.seatNumber(), reservation.price(), reservation.status(),
                    reservation.holdExpiresAt(), ReservedSeatResponse.of(reservation.seats()),
                    reservation.paymentId(), reservation.releaseReason());
        }
    }

    /** One of the caller's reservations in "My tickets": the reservation and what it is for. */
    record MyReservationResponse(long reservationId, long concertId, String concertTitle, long dateId,
            Instant startsAt, List<ReservedSeatResponse> seats,
            @Schema(description = "in points: the total of the reservation's seats") long price,
            ReservationStatus status, Instant holdExpiresAt,
            @Schema(description = "the payment that bought it; null unless CONFIRMED") Long paymentId,
            @Schema(description = "EXPIRED or CANCELLED; null unless RELEASED") ReleaseReason releaseReason) {
        static MyReservationResponse of(ReservationListing listing) {
            Reservation reservation = listing.reservation();
            return new MyReservationResponse(reservation.id(), reservation.concertId(), listing.concertTitle(),
                    reservation.dateId(), listing.startsAt(), ReservedSeatResponse.of(reservation.seats()),
                    reservation.price(), reservation.status(), reservation.holdExpiresAt(), reservation.paymentId(),
                    reservation.releaseReason());
        }
    }

    record MyReservationsResponse(List<MyReservationResponse> items, int page, int size,
            @Schema(description = "how many reservations match, over all pages") long total) {
        static MyReservationsResponse of(ReservationQuery.Page page) {
            return new MyReservationsResponse(page.items().stream().map(MyReservationResponse::of).toList(),
                    page.page(), page.size(), page.total());
        }
    }
}
