package dev.ticketing.concert.infrastructure.persistence;

import dev.ticketing.concert.domain.ReservedSeat;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A row of {@code reservation_seat}: one seat of a reservation at the price it was held for. */
@Embeddable
class ReservationSeat {

    @Column(name = "seat_id")
    private long seatId;

    @Column(name = "seat_number")
    private int seatNumber;

    private long price;

    protected ReservationSeat() {
    }

    ReservationSeat(long seatId, int seatNumber, long price) {
        this.seatId = seatId;
        this.seatNumber = seatNumber;
        this.price = price;
    }

    ReservedSeat toDomain() {
        return new ReservedSeat(seatId, seatNumber, price);
    }
}
