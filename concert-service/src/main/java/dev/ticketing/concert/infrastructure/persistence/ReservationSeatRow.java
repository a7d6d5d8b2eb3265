package dev.ticketing.concert.infrastructure.persistence;

import dev.ticketing.concert.domain.ReservedSeat;

/** One seat of one reservation, as {@link ReservationRepository#seatsOf} reads it. */
record ReservationSeatRow(long reservationId, long seatId, int seatNumber, long price) {

    ReservedSeat toDomain() {
        return new ReservedSeat(seatId, seatNumber, price);
    }
}
